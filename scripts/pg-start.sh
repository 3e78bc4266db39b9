#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for tests and benchmarks.
#
#   eval "$(scripts/pg-start.sh)"     # exports GONGHUI_TEST_POSTGRES_URL and GONGHUI_PG_DIR
#   ...
#   scripts/pg-stop.sh                # stops it and deletes its files
#
# The cluster lives in a new temp folder owned by the `postgres` user (the server
# refuses to run as root), listens on 127.0.0.1 only, on the first free port from
# 55432 (or $GONGHUI_PG_PORT), with its socket in the temp folder. It trusts every
# local connection and runs with fsync off: fast, and fit only for data that may be
# lost. The superuser `postgres` owns database `gonghui_test` and may create the
# per-test databases.
#
# stdout carries only the `export` lines; progress goes to stderr.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PGBIN=$(pg_bindir) || die "no PostgreSQL server found under /usr/lib/postgresql/*/bin (run scripts/ensure-deps.sh)"
PORT=$(free_port "${GONGHUI_PG_PORT:-55432}") || die "no free port from ${GONGHUI_PG_PORT:-55432}"
DIR=$(mktemp -d /tmp/gonghui-pg.XXXXXX)
chmod 0755 "$DIR"

# As root, run the server as an unprivileged user; otherwise as ourselves.
if (( EUID == 0 )); then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --no-create-home --shell /usr/sbin/nologin postgres
  fi
  chown postgres: "$DIR"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

fail() {
  [[ -f "$DIR/server.log" ]] && { echo "---- PostgreSQL log ----" >&2; cat "$DIR/server.log" >&2; }
  as_pg "$PGBIN/pg_ctl" -D "$DIR/data" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$DIR"
  die "$1"
}

note "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'): initdb in $DIR"
as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
  >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; fail "initdb failed"; }

cat >>"$DIR/data/postgresql.conf" <<CONF
# throwaway test server (scripts/pg-start.sh)
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 500
log_min_messages = warning
CONF

as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >/dev/null \
  || fail "pg_ctl start failed"

"$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE gonghui_test" >&2 || fail "could not create database gonghui_test"

URL="postgres://postgres@127.0.0.1:$PORT/gonghui_test"
note "PostgreSQL listening on 127.0.0.1:$PORT; GONGHUI_TEST_POSTGRES_URL=$URL"
echo "export GONGHUI_PG_DIR='$DIR'"
echo "export GONGHUI_PG_PORT='$PORT'"
echo "export GONGHUI_PG_BIN='$PGBIN'"
echo "export GONGHUI_TEST_POSTGRES_URL='$URL'"
