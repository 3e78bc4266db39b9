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

# Runs `gonghui import members` into the database and kills it with SIGKILL, as a power cut or
# the OOM killer would, once it has written 10,000 rows; prints how it ended (137 when killed).
# The registry is empty, so the import writes each row in its one transaction as it reads it;
# script(1) gives it a terminal so that it draws its progress bar, and the bar's "10000 行" is
# the sign. Nothing in the command itself knows it is being tested.
kill_mid_import() { # database
  local db=$1 out="$WORK/killed.out" pidfile="$WORK/killed.pid" command polls=0
  rm -f "$out" "$pidfile"
  printf -v command 'echo $$ > %q; exec %q import members data/members.csv --database %q' "$pidfile" "$BIN" "$db"
  script -qefc "$command" "$out" >/dev/null 2>&1 </dev/null &
  local session=$!
  # Up to two minutes for the first 10,000 rows; an import that ends before is not killed.
  until grep -qa ' 10000 行 ' "$out" 2>/dev/null || ! kill -0 "$session" 2>/dev/null || (( ++polls > 2400 )); do
    sleep 0.05
  done
  [[ -s "$pidfile" ]] && kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
  local status=0
  wait "$session" || status=$?
  echo "$status"
}

run_on() { # database
  local db=$1
  echo "== $db"
  "$BIN" import orgs data/orgs.csv --database "$db" >/dev/null 2>&1
  local status
  status=$(kill_mid_import "$db")
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

# Through a spreadsheet and back: the exported CSV keeps its ID numbers as text (a quoted tab
# before the digits), so a spreadsheet opening it does not turn 420102199003071234 into
# 4.20102E+17; LibreOffice converts it to XLSX as a person saving it from Excel would, and the
# importer reads every row of that workbook back as the members they are (nothing to change).
check "the exported CSV keeps its ID numbers as text for Excel" grep -qP '^"\t\d{17}[\dX]",' <(tail -n +2 county.csv | tr -d '\r')
lo_convert() { # CSV file → XLSX in lo-rt/, opened as comma-separated UTF-8 (as Excel opens a .csv)
  timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$WORK/lo-profile" --infilter="CSV:44,34,76" \
    --convert-to xlsx --outdir lo-rt "$1" >>lo-rt.log 2>&1 && test -s "lo-rt/$(basename "${1%.*}").xlsx"
}
check "LibreOffice opens the CSV and saves it as XLSX" lo_convert county.csv
"$BIN" import orgs data/orgs.csv --database "$WORK/rt.sqlite" >/dev/null 2>&1
check "the spreadsheet saved from it imports" "$BIN" import members lo-rt/county.xlsx --database "$WORK/rt.sqlite"
check "with all $expected members" test "$(members_in "$WORK/rt.sqlite")" -eq "$expected"
"$BIN" import members county.csv --dry-run --database "$WORK/rt.sqlite" > roundtrip.txt 2>&1
check "and every one of them is the member exported, ID numbers whole (nothing new, nothing changed)" grep -q "新增 0，更新 0，未变 $expected" roundtrip.txt

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

echo "== assistance payments"
# The demo leaves a 送温暖 batch sent to the bank with its results to come: its file goes out
# in CSV, XLSX and GBK; the bank's GBK result file comes back, a wrong reference refuses the
# whole file, the right one pays, the same file again pays nothing twice; the report adds up.
pay="$WORK/pay.sqlite"
"$BIN" demo --members 5000 --database "$pay" >/dev/null 2>&1
batch=$(sqlite3 "$pay" "SELECT id FROM payment_batches WHERE state = 'exported' ORDER BY id DESC LIMIT 1")
check "the demo has a batch waiting for the bank ($batch)" test -n "$batch"
check "the bank's file exports as CSV" "$BIN" export payments --batch "$batch" --output pay.csv --database "$pay"
check "and as XLSX" "$BIN" export payments --batch "$batch" --output pay.xlsx --database "$pay"
check "and as GBK CSV" "$BIN" export payments --batch "$batch" --output pay-gbk.csv --gbk --database "$pay"
lines=$(( $(wc -l < pay.csv) - 1 ))
total=$(tail -n +2 pay.csv | cut -d, -f5 | awk '{ s += $1 } END { printf "%.2f", s }')
check "the file's $lines lines add up to the batch's total ($total yuan)" test "$(sqlite3 "$pay" "SELECT printf('%.2f', total_fen / 100.0) FROM payment_batches WHERE id = $batch")" = "$(printf '%.2f' "$total")"
# The UTF-8 file keeps accounts as text for Excel (a quoted tab before the digits); the GBK file
# for a bank's system has them bare.
check "the GBK file reads back as the UTF-8 one" diff <(iconv -f GB18030 -t UTF-8 pay-gbk.csv) <(tail -c +4 pay.csv | sed 's/"\t\([0-9]*\)"/\1/g')
{ echo "参考号,结果,失败原因"; tail -n +2 pay.csv | tr -d '\r' | cut -d, -f6 | sed 's/$/,成功,/'; echo "GH-NOT-OURS,成功,"; } | iconv -f UTF-8 -t GB18030 > bad-results.csv
set +e
"$BIN" import bank-results bad-results.csv --batch "$batch" --database "$pay" > bad-results.txt 2>&1
status=$?
set -e
check "a result file with a stranger's reference exits non-zero (exit $status)" test "$status" -eq 4
check "the problem names its row and says why" grep -q "第 $(( lines + 2 )) 行：参考号不属于发放批次" bad-results.txt
check "and nothing was paid" test "$(sqlite3 "$pay" "SELECT COUNT(*) FROM payment_lines WHERE batch_id = $batch AND result = 'paid'")" -eq 0
{ echo "参考号,结果,失败原因"; tail -n +2 pay.csv | tr -d '\r' | cut -d, -f6 | sed 's/$/,成功,/'; } | iconv -f UTF-8 -t GB18030 > results.csv
check "the bank's GBK result file imports" "$BIN" import bank-results results.csv --batch "$batch" --database "$pay"
check "every line of the batch is paid" test "$(sqlite3 "$pay" "SELECT COUNT(*) FROM payment_lines WHERE batch_id = $batch AND result = 'paid'")" -eq "$lines"
"$BIN" import bank-results results.csv --batch "$batch" --database "$pay" > again-results.txt 2>&1
check "the same file again pays nothing twice" grep -q "成功 0 笔.*此前已登记 $lines 笔" again-results.txt
county=$(sqlite3 "$pay" "SELECT o.code FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.username = 'county'")
"$BIN" report assistance --program SNW --cycle 1 --org "$county" --format csv --output assist.csv --database "$pay" 2>/dev/null
tr -d '\r' < assist.csv > assist.txt
paid_db=$(sqlite3 "$pay" "SELECT printf('%.2f', SUM(amount_fen) / 100.0) FROM grants WHERE cycle_id = 1 AND state = 'paid'")
check "the report's paid total is the database's ($paid_db yuan)" test "$(tail -n 1 assist.txt | cut -d, -f7)" = "$paid_db"
check "the report's unions add up to its total" test "$(grep '^按单位' assist.txt | cut -d, -f7 | awk '{ s += $1 } END { printf "%.2f", s }')" = "$paid_db"

# The labor-dispute figures of the demo province: every case counted once, the cities adding up
# to the province, the recovered amount the database's; the XLSX written as well.
"$BIN" report disputes --org HB --from 2000-01-01 --to 2099-12-31 --depth 1 --format json --output disputes.json --database "$pay" 2>/dev/null
cases_db=$(sqlite3 "$pay" "SELECT COUNT(*) FROM dispute_cases")
recovered_db=$(sqlite3 "$pay" "SELECT SUM(recovered_fen) FROM dispute_cases")
figure() { python3 -c 'import json, sys; r = json.load(open("disputes.json"))["rows"]; print(r[0][sys.argv[1]] if sys.argv[2] == "root" else sum(x[sys.argv[1]] for x in r[1:]))' "$1" "$2"; }
check "the disputes report counts every case of the demo ($cases_db)" test "$(figure cases_received root)" -eq "$cases_db"
check "its cities add up to the province" test "$(figure cases_received children)" -eq "$cases_db"
check "its recovered amount is the database's ($recovered_db fen)" test "$(figure amount_recovered_fen root)" -eq "$recovered_db"
check "and it writes XLSX" "$BIN" report disputes --org HB --from 2000-01-01 --to 2099-12-31 --format xlsx --output disputes.xlsx --database "$pay"

# A county's dispute register from its spreadsheets: GBK CSV from Chinese Excel imports, the same
# rows again as XLSX (LibreOffice writes it) change nothing, a file with a bad row exits non-zero,
# names the row and writes nothing.
{
  echo "工单号,来源渠道,诉求类别,争议类型,受理日期,职工姓名,身份证号,联系电话,涉及人数,用人单位名称,统一社会信用代码,处理工会代码,涉及金额（元）,办理状态,办结日期,调解结果,追回金额（元）"
  echo "CLI-0001,热线,求决,欠薪、社会保险,2025-03-01,张三,,13800000000,12,某建材有限公司,,$county,\"18,000.00\",已办结,2025-04-10,达成协议,15000"
  echo "CLI-0002,来访,投诉,解除/终止劳动合同,2025-05-06,李四,,,1,某物流公司,,$county,5000,办理中,,,"
  echo "CLI-0003,12351,咨询,,2025-06-01,王五,,,1,某餐饮店,,$county,,已办结,2025-06-01,未调解,"
} > register.csv
iconv -f UTF-8 -t GB18030 register.csv > register-gbk.csv
before=$(sqlite3 "$pay" "SELECT COUNT(*) FROM dispute_cases")
check "a GBK dispute register imports" "$BIN" import disputes register-gbk.csv --database "$pay"
check "its three cases are there" test "$(sqlite3 "$pay" "SELECT COUNT(*) FROM dispute_cases")" -eq $((before + 3))
check "the collective wage case and its recovered amount" test "$(sqlite3 "$pay" "SELECT collective || '/' || recovered_fen || '/' || state FROM dispute_cases WHERE case_no = 'CLI-0001'")" = "1/1500000/closed"
soffice --headless "-env:UserInstallation=file://$WORK/lo-profile" --infilter="Text - txt - csv (StarCalc):44,34,76" --convert-to xlsx --outdir "$WORK" register.csv >/dev/null 2>&1
"$BIN" import disputes register.xlsx --database "$pay" > register-again.txt 2>&1
check "the same register as XLSX changes nothing" grep -q "没有任何更改" register-again.txt
sed 's/^CLI-0002,来访/CLI-0004,微信/' register.csv > register-bad.csv
set +e; "$BIN" import disputes register-bad.csv --database "$pay" > register-bad.txt 2>&1; bad_rc=$?; set -e
check "a register with a bad row exits 4" test "$bad_rc" -eq 4
check "and names the row, column and value" grep -q "第 3 行 \[来源渠道\] “微信”" register-bad.txt
check "and writes nothing" test "$(sqlite3 "$pay" "SELECT COUNT(*) FROM dispute_cases")" -eq $((before + 3))

if (( failures )); then echo "cli checks: $failures failed"; exit 1; fi
echo "cli checks: all passed"
