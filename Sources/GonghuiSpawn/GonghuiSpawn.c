#define _GNU_SOURCE
#include "GonghuiSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int gh_spawn_wait(const char *path, char *const argv[], char *const envp[], const char *stdout_path, const char *stderr_path, int *status) {
    posix_spawn_file_actions_t actions;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) return rc;
    rc = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 1, stdout_path ? stdout_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (rc == 0) rc = posix_spawn_file_actions_addopen(&actions, 2, stderr_path ? stderr_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    // The child starts with no signal blocked and every signal at its default (this process
    // ignores SIGPIPE, and a runtime thread may block others).
    posix_spawnattr_t attributes;
    if (rc == 0) rc = posix_spawnattr_init(&attributes);
    else { posix_spawn_file_actions_destroy(&actions); return rc; }
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    if (rc == 0) rc = posix_spawnattr_setsigmask(&attributes, &none);
    if (rc == 0) rc = posix_spawnattr_setsigdefault(&attributes, &all);
    if (rc == 0) rc = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    if (rc == 0) rc = posix_spawn(&pid, path, &actions, &attributes, argv, envp ? envp : environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return rc;
    int raw = 0;
    while (waitpid(pid, &raw, 0) < 0) {
        if (errno != EINTR) return errno;
    }
    if (WIFEXITED(raw)) *status = WEXITSTATUS(raw);
    else if (WIFSIGNALED(raw)) *status = 128 + WTERMSIG(raw);
    else *status = -1;
    return 0;
}
