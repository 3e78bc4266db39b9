#!/usr/bin/env bash
# The nation's commands on real files, as an operator runs them, against the three servers of
# scripts/nation-up.sh (run it under that script; scripts/test.sh does):
#   gonghui nation init → import orgs and members through the coordinator → every member on
#   湖北's shard → move-province stopped on purpose after a step, then killed with SIGKILL in the
#   middle of its resumption → the same command finishes it → every member on the other shard,
#   none left behind, and the annual report the same before and after.
# Uses the debug binary (swift build first) and a database `nation_cli` on each server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(repo_root)
BIN=${GONGHUI_BIN:-$ROOT/.build/debug/gonghui}
[[ -x "$BIN" ]] || die "build first: $BIN is missing"
[[ -n "${GONGHUI_NATION_COORDINATOR:-}" ]] || die "run under scripts/nation-up.sh"
PSQL=("$GONGHUI_NATION_PG_BIN/psql" -X -q -tA -v ON_ERROR_STOP=1)
read -r S1 S2 <<<"$GONGHUI_NATION_SHARDS"
named() { sed -E "s#/[^/?]*(\?.*)?\$#/$2#" <<<"$1"; }   # the URL with another database
C=$(named "$GONGHUI_NATION_COORDINATOR" nation_cli)
A=$(named "$S1" nation_cli)
B=$(named "$S2" nation_cli)
for server in "$GONGHUI_NATION_COORDINATOR" "$S1" "$S2"; do
  "${PSQL[@]}" "$server" -c "DROP DATABASE IF EXISTS nation_cli WITH (FORCE)" -c "CREATE DATABASE nation_cli"
done
WORK=$(mktemp -d /tmp/gonghui-nation.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export GONGHUI_ENCRYPTION_KEY=$(head -c32 /dev/urandom | base64)
failures=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then echo "  ok   $what"; else echo "  FAIL $what"; failures=$((failures + 1)); fi
}
count() { "${PSQL[@]}" "$1" -c "$2"; }

"$BIN" demo --members 20000 --output-dir data >/dev/null 2>&1
rows=$(( $(wc -l < data/members.csv) - 1 ))

check "nation init: HB on shard 1" "$BIN" nation init --coordinator "$C" --shard "$A" --shard "$B" --assign HB=1,HN=2
check "orgs through the coordinator" "$BIN" import orgs data/orgs.csv --database "$C"
check "members through the coordinator" "$BIN" import members data/members.csv --database "$C"
check "all $rows members on shard 1" test "$(count "$A" 'SELECT COUNT(*) FROM members_hb')" = "$rows"
check "none kept on the coordinator" test "$(count "$C" 'SELECT COUNT(*) FROM members__local')" = 0
"$BIN" report annual --org HB --depth 2 --format csv --output before.csv --database "$C" 2>/dev/null
periods=$(count "$A" 'SELECT COUNT(*) FROM member_periods_hb')

# Stopped on purpose after the copy: non-zero, and it says how to go on.
status=0
GONGHUI_NATION_STOP_AFTER=copied "$BIN" nation move-province HB --to 2 --coordinator "$C" > stop.out 2>&1 || status=$?
check "a move stopped after the copy exits non-zero and says to run it again" \
  bash -c "(( $status != 0 )) && grep -q '再次执行同一命令会从这里继续' stop.out"
check "status: read-only, moving to shard 2" bash -c "'$BIN' nation status --coordinator '$C' | grep -q '只读，正迁往 2 号分片'"
check "meanwhile 湖北 is readable" test "$(count "$C" 'SELECT COUNT(*) FROM members WHERE province_id = (SELECT id FROM orgs WHERE code = '\''HB'\'')')" = "$rows"

# Resumed, and killed with SIGKILL as soon as it has recorded the verification.
"$BIN" nation move-province HB --to 2 --coordinator "$C" > resumed.out 2>&1 &
mover=$!
for _ in $(seq 1 600); do
  step=$(count "$C" "SELECT COALESCE(move_step, '') FROM nation_provinces WHERE code = 'HB'")
  [[ "$step" == verified || "$step" == switched || "$step" == dropped ]] && break
  kill -0 "$mover" 2>/dev/null || break
  sleep 0.05
done
kill -KILL "$mover" 2>/dev/null || true
wait "$mover" 2>/dev/null || true
echo "  (killed after step: ${step:-none})"

check "the same command finishes the move" "$BIN" nation move-province HB --to 2 --coordinator "$C"
check "all $rows members on shard 2" test "$(count "$B" 'SELECT COUNT(*) FROM members_hb')" = "$rows"
check "all $periods periods on shard 2" test "$(count "$B" 'SELECT COUNT(*) FROM member_periods_hb')" = "$periods"
check "nothing left on shard 1" test "$(count "$A" "SELECT COUNT(*) FROM pg_tables WHERE tablename LIKE '%\\_hb'")" = 0
check "status: on shard 2, writable" bash -c "'$BIN' nation status --coordinator '$C' | grep -qE '^HB\s+2\s+[0-9]+\s+正常'"
"$BIN" report annual --org HB --depth 2 --format csv --output after.csv --database "$C" 2>/dev/null
check "the annual report is the same after the move" cmp -s before.csv after.csv
check "a second member import through the coordinator changes nothing" "$BIN" import members data/members.csv --database "$C"
check "  … still $rows members" test "$(count "$B" 'SELECT COUNT(*) FROM members_hb')" = "$rows"

for server in "$GONGHUI_NATION_COORDINATOR" "$S1" "$S2"; do
  "${PSQL[@]}" "$server" -c "DROP DATABASE IF EXISTS nation_cli WITH (FORCE)" >/dev/null 2>&1 || true
done
(( failures == 0 )) || die "$failures nation check(s) failed"
echo "nation checks: all passed"
