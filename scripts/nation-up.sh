#!/usr/bin/env bash
# Start a three-instance PostgreSQL deployment on 127.0.0.1 — a coordinator and two shards —
# run a command against it, and stop all three on exit (also when the command fails or is
# interrupted).
#
#   scripts/nation-up.sh COMMAND [ARG…]
#
# The command sees:
#   GONGHUI_NATION_COORDINATOR   postgres://postgres@127.0.0.1:PORT/gonghui_test (the coordinator)
#   GONGHUI_NATION_SHARDS        the two shards' URLs, separated by a space
#   GONGHUI_NATION_PG_BIN        the PostgreSQL programs' folder (psql, pg_ctl)
# Each instance is a throwaway server from scripts/pg-start.sh (trust, fsync off), on the first
# free ports from 57432 (or $GONGHUI_NATION_PORT). Nothing is laid out: `gonghui nation init`
# does that.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(repo_root)

(( $# > 0 )) || die "usage: scripts/nation-up.sh COMMAND [ARG…]"

dirs=()
urls=()
stop_all() {
  local d
  for d in "${dirs[@]}"; do bash "$ROOT/scripts/pg-stop.sh" "$d" >/dev/null 2>&1 || true; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

port=${GONGHUI_NATION_PORT:-57432}
for role in coordinator shard1 shard2; do
  out=$(GONGHUI_PG_PORT=$port bash "$ROOT/scripts/pg-start.sh") || die "could not start the $role"
  dir=$(sed -n "s/^export GONGHUI_PG_DIR='\(.*\)'$/\1/p" <<<"$out")
  url=$(sed -n "s/^export GONGHUI_TEST_POSTGRES_URL='\(.*\)'$/\1/p" <<<"$out")
  bin=$(sed -n "s/^export GONGHUI_PG_BIN='\(.*\)'$/\1/p" <<<"$out")
  p=$(sed -n "s/^export GONGHUI_PG_PORT='\(.*\)'$/\1/p" <<<"$out")
  dirs+=("$dir")
  urls+=("$url")
  note "$role: $url"
  port=$(( p + 1 ))
done

export GONGHUI_NATION_COORDINATOR=${urls[0]}
export GONGHUI_NATION_SHARDS="${urls[1]} ${urls[2]}"
export GONGHUI_NATION_PG_BIN=$bin
export GONGHUI_NATION_DIRS="${dirs[*]}"
set +e
"$@"
status=$?
set -e
exit $status
