// Starting a program and waiting for it with posix_spawn, for the few places that run one
// (pg_dump and pg_restore for backups, LibreOffice in the tests).
//
// Foundation's Process on Linux (swift-corelibs-foundation up to Swift 6.3.1) lists
// /proc/self/fd before each launch and copies each directory entry's full 256-byte name,
// reading past the end of glibc's buffer: an intermittent SIGSEGV in the parent
// (swift-corelibs-foundation pull request 5472). Here the child's descriptors above 2 are closed
// by glibc itself (posix_spawn_file_actions_addclosefrom_np, glibc 2.34 and later).
#ifndef GONGHUI_SPAWN_H
#define GONGHUI_SPAWN_H

/// Runs `path` with `argv` (NULL-terminated, argv[0] included) and `envp` (NULL-terminated, or
/// NULL for this process's environment); standard input from /dev/null, standard output and
/// error to the files named (created 0600 and truncated) or to /dev/null when NULL. Waits for it
/// to end and stores its exit status in `status` (128 + the signal when a signal ended it).
/// Returns 0, or the errno that kept it from starting.
int gh_spawn_wait(const char *path, char *const argv[], char *const envp[], const char *stdout_path, const char *stderr_path, int *status);

#endif
