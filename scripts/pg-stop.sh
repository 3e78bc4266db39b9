#!/usr/bin/env bash
# Stop the throwaway PostgreSQL server started by scripts/pg-start.sh and delete
# its files. Takes the folder as $1 or from $GONGHUI_PG_DIR; does nothing when
# there is none, so it is safe in an exit trap.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR=${1:-${GONGHUI_PG_DIR:-}}
[[ -n "$DIR" && -d "$DIR" ]] || exit 0
# Refuse anything that pg-start.sh did not make.
[[ "$DIR" == /tmp/gonghui-pg.* ]] || die "not a throwaway PostgreSQL folder: $DIR"

PGBIN=${GONGHUI_PG_BIN:-$(pg_bindir || true)}
if [[ -f "$DIR/data/postmaster.pid" && -n "$PGBIN" ]]; then
  if (( EUID == 0 )); then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  else
    "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
fi
# Should pg_ctl have failed, end the postmaster by the pid it wrote.
if [[ -f "$DIR/data/postmaster.pid" ]]; then
  pid=$(head -n1 "$DIR/data/postmaster.pid")
  if [[ "$pid" =~ ^[0-9]+$ ]]; then
    kill -QUIT "$pid" 2>/dev/null || true
    sleep 1
  fi
fi
rm -rf "$DIR"
note "PostgreSQL stopped ($DIR removed)"
