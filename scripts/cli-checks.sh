#!/usr/bin/env bash
# End-to-end checks of the gonghui command on real files, with the debug binary already built:
# a killed import (SIGKILL) leaves the database as it was; re-import changes nothing; an export
# re-imports as it is; GBK files from Chinese Excel are read; a bad file exits non-zero and
# writes nothing; the annual report's XLSX opens in LibreOffice with the CSV's figures; a backup
# restores with every check and a damaged one does not; a key rotation killed half-way keeps the
# server from starting and finishes on a second run; retention runs dry, then for real. Usage: scripts/cli-checks.sh [postgres://… URL of a scratch server]
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

# Runs a command and kills it with SIGKILL, as a power cut or the OOM killer would, once its
# progress bar shows the pattern; prints how it ended (137 when killed). script(1) gives it a
# terminal so that it draws its progress bar, and the bar is the sign. Nothing in the command
# itself knows it is being tested.
kill_when() { # grep -E pattern, then the command and its arguments
  local pattern=$1; shift
  local out="$WORK/killed.out" pidfile="$WORK/killed.pid" command args polls=0
  rm -f "$out" "$pidfile"
  printf -v command 'echo $$ > %q; exec' "$pidfile"
  printf -v args ' %q' "$@"
  script -qefc "$command$args" "$out" >/dev/null 2>&1 </dev/null &
  local session=$!
  # Up to two minutes for the sign; a command that ends before is not killed.
  until grep -qaE "$pattern" "$out" 2>/dev/null || ! kill -0 "$session" 2>/dev/null || (( ++polls > 2400 )); do
    sleep 0.05
  done
  [[ -s "$pidfile" ]] && kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
  local status=0
  wait "$session" || status=$?
  echo "$status"
}

# `gonghui import members` killed once it has written 10,000 rows. The registry is empty, so the
# import writes each row in its one transaction as it reads it.
kill_mid_import() { # database
  kill_when ' 10000 行 ' "$BIN" import members data/members.csv --database "$1"
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
alerts_db=$(sqlite3 "$pay" "SELECT COUNT(*) FROM risk_alerts")
legal_db=$(sqlite3 "$pay" "SELECT COUNT(*) || '/' || SUM(obtained_fen) FROM legal_aid_applications")
rights() { python3 -c 'import json, sys; r = json.load(open("disputes.json"))["rights"]; print(r["alerts"], str(r["legal_aid_cases"]) + "/" + str(r["legal_aid_obtained_fen"]))'; }
check "it counts the demo's risk alerts and legal aid ($alerts_db; $legal_db)" test "$(rights)" = "$alerts_db $legal_db"
letters_db=$(sqlite3 "$pay" "SELECT SUM(kind = 'opinion') || '/' || SUM(kind = 'proposal') FROM supervision_letters")
letters() { python3 -c 'import json; r = json.load(open("disputes.json"))["rights"]; print(str(r["supervision_opinions"]) + "/" + str(r["supervision_proposals"]))'; }
check "it counts the demo's supervision opinions and proposals ($letters_db)" test "$(letters)" = "$letters_db"
check "and it writes XLSX" "$BIN" report disputes --org HB --from 2000-01-01 --to 2099-12-31 --format xlsx --output disputes.xlsx --database "$pay"

# A unit's mutual-aid roster from Chinese Excel (GBK): the demo's round of this year, a unit of the
# plan's city not yet enrolled; the same file again is refused as a whole (already enrolled).
ma_round=$(sqlite3 "$pay" "SELECT id FROM mutual_aid_rounds ORDER BY starts_on DESC LIMIT 1")
ma_unit=$(sqlite3 "$pay" "SELECT o.code FROM orgs o WHERE o.kind = 'grassroots' AND o.path LIKE (SELECT w.path FROM mutual_aid_plans p JOIN orgs w ON w.id = p.owner_org_id LIMIT 1) || '%'
  AND EXISTS (SELECT 1 FROM members m WHERE m.org_id = o.id AND m.status = 'active')
  AND NOT EXISTS (SELECT 1 FROM mutual_aid_enrollments e WHERE e.org_id = o.id AND e.round_id = $ma_round) ORDER BY o.code LIMIT 1")
"$BIN" export members --org "$ma_unit" --output unit.csv --database "$pay" >/dev/null 2>&1
python3 - <<'PY'
import csv
rows = list(csv.DictReader(open("unit.csv", encoding="utf-8-sig")))
with open("roster-gbk.csv", "w", encoding="gbk", newline="") as f:
    w = csv.writer(f)
    w.writerow(["身份证号", "姓名", "所属工会代码"])
    for r in rows:
        if r["会员状态"].strip() == "在会":
            w.writerow([r["身份证号"].strip(), r["姓名"].strip(), r["所属工会代码"].strip()])
PY
ma_rows=$(( $(wc -l < roster-gbk.csv) - 1 ))
check "a unit's GBK roster enrolls its $ma_rows members in round $ma_round" "$BIN" import mutual-aid-enrollment roster-gbk.csv --round "$ma_round" --database "$pay"
check "every one of them is enrolled" test "$(sqlite3 "$pay" "SELECT COUNT(*) FROM mutual_aid_enrollments e JOIN orgs o ON o.id = e.org_id WHERE o.code = '$ma_unit' AND e.round_id = $ma_round")" -eq "$ma_rows"
set +e
"$BIN" import mutual-aid-enrollment roster-gbk.csv --round "$ma_round" --database "$pay" > roster-again.txt 2>&1
status=$?
set -e
check "the same roster again is refused (exit $status), each row named" test "$status" -eq 4 -a "$(grep -c '本轮已参保' roster-again.txt)" -eq "$ma_rows"

# The round's figures for the plan's city: the report's numbers against the database's own, the
# payout ratio against paid ÷ received to four decimals; and the same as XLSX.
ma_city=$(sqlite3 "$pay" "SELECT w.code FROM mutual_aid_plans p JOIN orgs w ON w.id = p.owner_org_id LIMIT 1")
check "the mutual-aid report for round $ma_round writes JSON" "$BIN" report mutual-aid --round "$ma_round" --org "$ma_city" --format json --output mutual-aid.json --database "$pay"
ma_db=$(sqlite3 "$pay" "SELECT (SELECT COUNT(*) FROM mutual_aid_enrollments WHERE round_id = $ma_round) || '/' ||
  (SELECT COALESCE(SUM(contribution_fen), 0) FROM mutual_aid_enrollments WHERE round_id = $ma_round AND payment_id IS NOT NULL) || '/' ||
  (SELECT COUNT(*) FROM mutual_aid_claims WHERE round_id = $ma_round) || '/' ||
  (SELECT COUNT(*) FROM mutual_aid_claims WHERE round_id = $ma_round AND state = 'paid') || '/' ||
  (SELECT COALESCE(SUM(amount_fen), 0) FROM mutual_aid_claims WHERE round_id = $ma_round AND state = 'paid')")
ma_json() { python3 -c 'import json; r = json.load(open("mutual-aid.json"))["rows"][0]; print("/".join(str(r[k]) for k in ["enrolled", "contributions_fen", "claims", "claims_paid", "benefits_paid_fen"]))'; }
check "its enrolled, contributions, claims, paid and benefits are the database's ($ma_db)" test "$(ma_json)" = "$ma_db"
ma_ratio() { python3 -c 'import json; from decimal import Decimal, ROUND_HALF_UP; r = json.load(open("mutual-aid.json"))["rows"][0]
print(r["payout_ratio"] == str((Decimal(r["benefits_paid_fen"]) / Decimal(r["contributions_fen"])).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)))'; }
check "its payout ratio is paid ÷ received to four decimals" test "$(ma_ratio)" = "True"
check "and it writes XLSX" "$BIN" report mutual-aid --round "$ma_round" --org "$ma_city" --format xlsx --output mutual-aid.xlsx --database "$pay"
soffice --headless "-env:UserInstallation=file://$WORK/lo-profile" --convert-to csv --outdir "$WORK/ma-xlsx" mutual-aid.xlsx >/dev/null 2>&1
check "which LibreOffice reads back with the city's row" grep -q "$ma_city" "$WORK/ma-xlsx/mutual-aid.csv"

# The demo county's loans: the bank's repayment file from Chinese Excel (GBK) — a row naming a loan
# that does not exist refuses the whole file and writes nothing; the right file records the next
# instalment of every loan being repaid; the same file again is refused row by row. The loans
# report's outstanding principal and this year's lending are the database's own; XLSX reads back.
ln_before=$(sqlite3 "$pay" "SELECT COUNT(*) FROM loan_repayments")
PAY="$pay" python3 - <<'PY'
import csv, datetime, os, sqlite3
db = sqlite3.connect(os.environ["PAY"])
today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date().isoformat()
rows = []
for lid, no, name, repaid in db.execute("SELECT id, loan_no, name, repaid_principal_fen FROM loans WHERE state = 'repaying' ORDER BY id"):
    cum = 0
    for day, fen in db.execute("SELECT due_on, principal_fen FROM loan_instalments WHERE loan_id = ? ORDER BY seq", (lid,)):
        cum += fen
        if cum > repaid:
            rows.append((no, name, min(day, today), cum - repaid))
            break
head = ["贷款编号", "借款人", "还款日期", "还款本金", "还款利息", "流水号"]
def write(path, extra):
    with open(path, "w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        for i, (no, name, day, fen) in enumerate(rows):
            w.writerow([no, name, day, "%d.%02d" % divmod(fen, 100), "0", "CLI-R%d" % i])
        for r in extra:
            w.writerow(r)
write("repay-bad-gbk.csv", [["XD-1999-000001", "无此人", rows[0][2], "1", "0", "CLI-BAD"]])
write("repay-gbk.csv", [])
open("due.csv", "w").write("".join("%s\n" % r[0] for r in rows))
PY
ln_rows=$(wc -l < due.csv)
check "the demo county has $ln_rows loans being repaid" test "$ln_rows" -ge 1
set +e
"$BIN" import loan-repayments repay-bad-gbk.csv --database "$pay" > repay-bad.txt 2>&1
status=$?
set -e
check "a repayment file with an unknown loan is refused (exit $status), the row named" test "$status" -eq 4 -a "$(grep -c '找不到这笔贷款' repay-bad.txt)" -eq 1
check "and nothing of it was recorded" test "$(sqlite3 "$pay" "SELECT COUNT(*) FROM loan_repayments")" -eq "$ln_before"
check "the right GBK file records $ln_rows repayments" "$BIN" import loan-repayments repay-gbk.csv --database "$pay"
check "every one of them" test "$(sqlite3 "$pay" "SELECT COUNT(*) FROM loan_repayments")" -eq $(( ln_before + ln_rows ))
set +e
"$BIN" import loan-repayments repay-gbk.csv --database "$pay" > repay-again.txt 2>&1
status=$?
set -e
check "the same file again is refused (exit $status), each row named" test "$status" -eq 4 -a "$(grep -c '已登记过' repay-again.txt)" -eq "$ln_rows"
ln_county=$(sqlite3 "$pay" "SELECT c.code FROM loans l JOIN orgs c ON c.id = l.county_org_id LIMIT 1")
check "the loans report for $ln_county writes JSON" "$BIN" report loans --org "$ln_county" --format json --output loans.json --database "$pay"
ln_db=$(sqlite3 "$pay" "SELECT (SELECT COALESCE(SUM(lent_fen - repaid_principal_fen), 0) FROM loans WHERE state = 'repaying') || '/' ||
  (SELECT COUNT(*) FROM loans WHERE state = 'repaying') || '/' ||
  (SELECT COALESCE(SUM(lent_fen), 0) FROM loans WHERE lent_on >= strftime('%Y', 'now', '+8 hours') || '-01-01') || '/' ||
  (SELECT COALESCE(SUM(written_off_fen), 0) FROM loans)")
ln_json() { python3 -c 'import json; r = json.load(open("loans.json"))["rows"][0]; print("/".join(str(r[k]) for k in ["outstanding_fen", "outstanding_loans", "granted_fen", "written_off_fen"]))'; }
check "its outstanding principal and loans, this year's lending and the write-offs are the database's ($ln_db)" test "$(ln_json)" = "$ln_db"
check "and it writes XLSX" "$BIN" report loans --org "$ln_county" --format xlsx --output loans.xlsx --database "$pay"
soffice --headless "-env:UserInstallation=file://$WORK/lo-profile" --convert-to csv --outdir "$WORK/ln-xlsx" loans.xlsx >/dev/null 2>&1
check "which LibreOffice reads back with the county's row" grep -q "$ln_county" "$WORK/ln-xlsx/loans.csv"

# The member service card: the issuing file for a street's members in GBK; the bank's result with
# one card it could not make and one check digit wrong refuses the whole file; the right file
# issues; a uses file (half the cards every month since June, a sixth once) imports; the card
# measures are the database's own.
fk_org=$(sqlite3 "$pay" "SELECT o.code FROM orgs o WHERE o.kind = 'township' ORDER BY (SELECT COUNT(*) FROM members m JOIN orgs u ON u.id = m.org_id
  WHERE u.path LIKE o.path || '%' AND m.status = 'active') DESC, o.code LIMIT 1")
check "the issuing file for $fk_org exports as GBK CSV" "$BIN" export card-issuing --org "$fk_org" --all-members --branch "工行江岸支行" --output issuing-gbk.csv --gbk --database "$pay"
python3 - <<'PY'
import csv
rows = list(csv.reader(open("issuing-gbk.csv", encoding="gb18030")))[1:]
def card(i):
    body = "622202" + "%012d" % (500000 + i)
    for d in range(10):
        s = body + str(d); tot = 0
        for k, c in enumerate(reversed(s)):
            x = int(c)
            if k % 2 == 1:
                x = x * 2 - 9 if x * 2 > 9 else x * 2
            tot += x
        if tot % 10 == 0:
            return s
def write(path, broken):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["身份证号", "卡号", "发卡日期", "结果", "失败原因"])
        for i, r in enumerate(rows):
            if i == len(rows) - 1:
                w.writerow([r[2], "", "", "失败", "身份信息核验未通过"])
            else:
                number = card(i)
                if broken and i == 0:
                    number = number[:-1] + str((int(number[-1]) + 1) % 10)
                w.writerow([r[2], number, "2026-06-01", "成功", ""])
write("card-results-bad.csv", True)
write("card-results.csv", False)
with open("card-usage.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["卡号", "交易日期", "商户", "交易金额", "优惠金额", "流水号"])
    n = 0
    for i in range(len(rows) - 1):
        months = 6 if i % 2 == 0 else (1 if i % 3 == 0 else 0)
        for m in range(months):
            n += 1
            w.writerow([card(i), "2026-%02d-15" % (6 + m), "职工书屋", "120.50", "12.00", "CLI-U%d" % n])
open("issuing-count", "w").write(str(len(rows)))
PY
fk_path=$(sqlite3 "$pay" "SELECT path FROM orgs WHERE code = '$fk_org'")
fk_cards="FROM member_cards c JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id WHERE o.path LIKE '$fk_path%'"
issued_before=$(sqlite3 "$pay" "SELECT COUNT(*) FROM member_cards WHERE state = 'issued'")
set +e
"$BIN" import card-results card-results-bad.csv --database "$pay" > card-bad.txt 2>&1
status=$?
set -e
check "a results file with a wrong check digit is refused (exit $status), the row named" test "$status" -eq 4 -a "$(grep -c '卡号校验位不正确' card-bad.txt)" -eq 1
check "and no card was issued" test "$(sqlite3 "$pay" "SELECT COUNT(*) FROM member_cards WHERE state = 'issued'")" -eq "$issued_before"
check "the right results file issues $(( $(cat issuing-count) - 1 )) cards" "$BIN" import card-results card-results.csv --database "$pay"
check "every one of them, the last one refused with its reason" test "$(sqlite3 "$pay" "SELECT COUNT(*) || '/' || SUM(CASE WHEN c.state = 'refused' AND c.reason = '身份信息核验未通过' THEN 1 ELSE 0 END) $fk_cards AND c.file_no LIKE 'FK-$fk_org-%'")" = "$(cat issuing-count)/1"
check "no card number is stored in clear" test "$(sqlite3 "$pay" "SELECT COUNT(*) FROM member_cards WHERE card_enc LIKE '%622202%'")" -eq 0
check "the uses file imports" "$BIN" import card-usage card-usage.csv --database "$pay"
check "the report writes JSON" "$BIN" report cards --org "$fk_org" --as-of 2026-12-07 --format json --output cards.json --database "$pay"
card_db=$(sqlite3 "$pay" "SELECT (SELECT COUNT(*) $fk_cards AND c.issued_on <= '2026-12-07') || '/' || (SELECT COUNT(*) $fk_cards AND c.activated_on <= '2026-12-07') || '/' ||
  (SELECT COUNT(DISTINCT u.card_id) FROM card_usage u JOIN member_cards c ON c.id = u.card_id JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id
     WHERE o.path LIKE '$fk_path%' AND u.used_on BETWEEN '2026-09-09' AND '2026-12-07') || '/' ||
  (SELECT COUNT(*) FROM (SELECT x.card_id FROM card_usage_months x JOIN member_cards c ON c.id = x.card_id JOIN members m ON m.id = c.member_id JOIN orgs o ON o.id = m.org_id
     WHERE o.path LIKE '$fk_path%' AND x.month BETWEEN '2026-01' AND '2026-12' GROUP BY x.card_id HAVING COUNT(*) >= 6))")
card_json() { python3 -c 'import json; r = json.load(open("cards.json"))["rows"][0]; print("/".join(str(r[k]) for k in ["issued", "activated", "used", "lasting"]))'; }
check "its issued, activated, used and lasting cards are the database's ($card_db)" test "$(card_json)" = "$card_db"

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

echo "== operations"
# What an IT officer does with a province's database: plan an upgrade, back up, restore into a
# new file with every check, refuse a damaged backup or the wrong key, rotate the key with a kill
# in the middle (the server refuses to start until the rotation is finished), and apply the
# retention rules after a dry run.
ops="$WORK/ops.sqlite"
cp "$pay" "$ops"
"$BIN" migrate --plan --database "$WORK/not-yet.sqlite" > plan-new.txt
check "migrate --plan on a database not made yet lists the migrations" grep -q "待执行 [0-9]* 个迁移" plan-new.txt
check "and makes no file" test ! -e "$WORK/not-yet.sqlite"
"$BIN" migrate --plan --database "$ops" > plan.txt
check "migrate --plan on the demo database has nothing to do" grep -q "没有待执行的迁移" plan.txt
"$BIN" export members --org HB --output before.csv --database "$ops" >/dev/null 2>&1
"$BIN" backup --output bk --database "$ops" > backup.txt
check "backup writes the data file and its manifest" test -s bk/gonghui.sqlite -a -s bk/manifest.json
check "and not the key" test ! -e bk/gonghui.key
check "the manifest holds the member count ($(members_in "$ops"))" grep -q "\"members\" *: *$(members_in "$ops")" bk/manifest.json
"$BIN" restore bk --database "$WORK/restored.sqlite" > restore.txt
check "restore checks the checksum, key, integrity and chain" grep -q "校验通过" restore.txt
check "the restored database has every member" test "$(members_in "$WORK/restored.sqlite")" -eq "$(members_in "$ops")"
check "and its audit chain verifies" "$BIN" audit verify --database "$WORK/restored.sqlite"
restore_rc=0; "$BIN" restore bk --database "$WORK/restored.sqlite" >/dev/null 2>&1 || restore_rc=$?
check "restore refuses a target that exists (exit $restore_rc)" test "$restore_rc" -ne 0
cp -r bk bk-damaged
printf 'x' | dd of=bk-damaged/gonghui.sqlite bs=1 seek=5000 conv=notrunc status=none
restore_rc=0; "$BIN" restore bk-damaged --database "$WORK/damaged.sqlite" > damaged.txt 2>&1 || restore_rc=$?
check "a damaged backup is refused (exit $restore_rc)" test "$restore_rc" -ne 0
check "by its checksum" grep -q "SHA-256 与清单不符" damaged.txt
check "and leaves no database behind" test ! -e "$WORK/damaged.sqlite"
restore_rc=0
GONGHUI_ENCRYPTION_KEY=$(head -c32 /dev/urandom | base64) "$BIN" restore bk --database "$WORK/wrong-key.sqlite" > wrong-key.txt 2>&1 || restore_rc=$?
check "a restore with another key is refused (exit $restore_rc)" test "$restore_rc" -ne 0
check "naming the key's fingerprint" grep -q "指纹" wrong-key.txt
check "and leaves no database behind" test ! -e "$WORK/wrong-key.sqlite"

rekey_rc=$(kill_when ' [1-9][0-9]* 行 ' "$BIN" rekey --new-key-file new.key --generate --batch 50 --database "$ops")
check "rekey killed with SIGKILL half-way (exit $rekey_rc)" test "$rekey_rc" -eq 137
serve_rc=0; timeout 60 "$BIN" serve --database "$ops" --port $((40000 + RANDOM % 20000)) > serve.txt 2>&1 || serve_rc=$?
check "the server refuses to start while the rotation is half done (exit $serve_rc)" test "$serve_rc" -ne 0 -a "$serve_rc" -ne 124
check "and says to run gonghui rekey" grep -q "gonghui rekey" serve.txt
"$BIN" rekey --new-key-file new.key --database "$ops" > rekey.txt
check "a second rekey finishes the rotation" grep -q "已接着上次中断处完成轮换" rekey.txt
check "the chain verifies under the new key" env GONGHUI_ENCRYPTION_KEY="$(cat new.key)" "$BIN" audit verify --database "$ops"
GONGHUI_ENCRYPTION_KEY="$(cat new.key)" "$BIN" export members --org HB --output after.csv --database "$ops" >/dev/null 2>&1
check "every member reads back as before under the new key" cmp -s before.csv after.csv
old_rc=0; "$BIN" export members --org HB --output old-key.csv --database "$ops" > old-key.txt 2>&1 || old_rc=$?
check "the old key no longer opens the database (exit $old_rc)" test "$old_rc" -ne 0
check "the backup made before the rotation still restores with the old key" "$BIN" restore bk --database "$WORK/old-restored.sqlite"

# An archive closed in 2019 is past the five years the rules keep a closed archive.
restored="$WORK/restored.sqlite"
aged=$(sqlite3 "$restored" "SELECT id FROM hardship_archives WHERE id IN (SELECT archive_id FROM hardship_family) ORDER BY id LIMIT 1")
sqlite3 "$restored" "UPDATE hardship_archives SET stage = 'closed', closed_on = '2019-06-30' WHERE id = $aged"
archive_state() { sqlite3 "$restored" "SELECT name || '/' || (SELECT COUNT(*) FROM hardship_family WHERE archive_id = $aged) FROM hardship_archives WHERE id = $aged"; }
kept=$(archive_state)
"$BIN" retention --dry-run --database "$restored" > retention-dry.txt
check "retention --dry-run names the rules and their sources" grep -q "依据：《个人信息保护法》第十九条" retention-dry.txt
check "and finds the archive closed in 2019" grep -q "困难职工档案（脱敏） 1" retention-dry.txt
check "and changes nothing ($kept)" test "$(archive_state)" = "$kept"
"$BIN" retention --database "$restored" > retention.txt
check "retention de-identifies the archive and removes its family" test "$(archive_state)" = "（已脱敏）/0"
check "its audit entry is there" test "$(sqlite3 "$restored" "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.apply'")" -eq 1
check "and the chain still verifies" "$BIN" audit verify --database "$restored"

if (( failures )); then echo "cli checks: $failures failed"; exit 1; fi
echo "cli checks: all passed"
