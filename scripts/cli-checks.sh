#!/usr/bin/env bash
# End-to-end checks of the gonghui command on real files, with the debug binary already built:
# a killed import (SIGKILL) leaves the database as it was; re-import changes nothing; an export
# re-imports as it is; GBK files from Chinese Excel are read; a bad file exits non-zero and
# writes nothing; the annual report's XLSX opens in LibreOffice with the CSV's figures. Usage: scripts/cli-checks.sh [postgres://… URL of a scratch server]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(repo_root)
BIN="$ROOT/.build/debug/gonghui"
[[ -x "$BIN" ]] || die "build first: $BIN is missing"
WORK=$(mktemp -d /tmp/gonghui-cli.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export GONGHUI_ENCRYPTION_KEY=$(head -c32 /dev/urandom | base64)
failures=0
check() { # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then echo "  ok   $what"; else echo "  FAIL $what"; failures=$((failures + 1)); fi
}

"$BIN" demo --members 30000 --output-dir data >/dev/null 2>&1

members_in() { # database → member count
  case "$1" in
    postgres://*) psql "$1" -tAc "SELECT COUNT(*) FROM members" ;;
    *) sqlite3 "$1" "SELECT COUNT(*) FROM members" ;;
  esac
}

run_on() { # database
  local db=$1
  echo "== $db"
  "$BIN" import orgs data/orgs.csv --database "$db" >/dev/null 2>&1
  set +e
  GONGHUI_TEST_KILL_AFTER_ROWS=10000 "$BIN" import members data/members.csv --database "$db" >/dev/null 2>&1
  local status=$?
  set -e
  check "import killed with SIGKILL while writing (exit $status)" test "$status" -eq 137
  check "killed import left no member behind" test "$(members_in "$db")" -eq 0
  check "audit chain intact after the kill" "$BIN" audit verify --database "$db"
  check "import after the kill lands every row" "$BIN" import members data/members.csv --database "$db"
  check "30000 members in the database" test "$(members_in "$db")" -eq 30000
  "$BIN" import members data/members.csv --database "$db" > again.txt 2>/dev/null
  check "re-import says nothing changed" grep -q "没有任何更改" again.txt
}

run_on "$WORK/a.sqlite"
if [[ -n "${1:-}" ]]; then
  base=$1
  psql "$base" -qc "DROP DATABASE IF EXISTS cli_checks" -c "CREATE DATABASE cli_checks" >/dev/null
  run_on "${base%/*}/cli_checks"
fi

echo "== files"
db="$WORK/b.sqlite"
"$BIN" import orgs data/orgs.csv --database "$db" >/dev/null 2>&1
"$BIN" export members --org HB0101 --output county.csv --database "$WORK/a.sqlite" >/dev/null 2>&1
"$BIN" export members --org HB0101 --output county.xlsx --database "$WORK/a.sqlite" >/dev/null 2>&1
expected=$(( $(wc -l < county.csv) - 1 ))
check "exported XLSX re-imports as it is" "$BIN" import members county.xlsx --database "$db"
check "all $expected exported members are back" test "$(members_in "$db")" -eq "$expected"
iconv -f UTF-8 -t GB18030 < <(tail -c +4 data/members.csv) > gbk.csv
"$BIN" import orgs data/orgs.csv --database "$WORK/c.sqlite" >/dev/null 2>&1
check "a GB18030 file from Chinese Excel imports" "$BIN" import members gbk.csv --database "$WORK/c.sqlite"
check "every GB18030 row landed" test "$(members_in "$WORK/c.sqlite")" -eq 30000
sed -n '1p;2s/^\(.\{17\}\)./\1Z/p;3,5p' data/members.csv > bad.csv
before=$(members_in "$db")
set +e
"$BIN" import members bad.csv --database "$db" > bad.txt 2>&1
status=$?
set -e
check "a bad file exits non-zero (exit $status)" test "$status" -ne 0
check "the problem names row 2 and the ID column" grep -q "第 2 行 \[身份证号\]" bad.txt
check "a bad file writes nothing" test "$(members_in "$db")" -eq "$before"

echo "== annual report"
# The XLSX opens in LibreOffice without repair and holds the same figures as the CSV: the
# province's row (after the title and the two header rows) and the totals row at the foot.
"$BIN" report annual --org HB --depth 2 --format csv --output annual.csv --database "$WORK/a.sqlite" 2>/dev/null
"$BIN" report annual --org HB --depth 2 --format xlsx --output annual.xlsx --database "$WORK/a.sqlite" 2>/dev/null
to_csv() {
  timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$WORK/lo-profile" \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir lo annual.xlsx >lo.log 2>&1 && test -s lo/annual.csv
}
check "LibreOffice converts the annual report's XLSX" to_csv
csv_row=$(sed -n '2p' annual.csv | cut -d, -f4-24)
xlsx_row=$(sed -n '4p' lo/annual.csv | cut -d, -f4-24)
xlsx_total=$(tail -n 1 lo/annual.csv | cut -d, -f4-24)
check "its province row has the CSV's figures ($csv_row)" test "$xlsx_row" = "$csv_row"
check "its totals row equals the province row" test "$xlsx_total" = "$csv_row"
check "its title names the province and the date" grep -q "湖北省总工会 工会统计年报（截至 " lo/annual.csv
active=$(sqlite3 "$WORK/a.sqlite" "SELECT COUNT(*) FROM members WHERE status = 'active'")
check "the province's members are the $active in good standing" test "$(sed -n '2p' annual.csv | cut -d, -f5)" -eq "$active"

if (( failures )); then echo "cli checks: $failures failed"; exit 1; fi
echo "cli checks: all passed"
