#!/usr/bin/env bash
# Benchmark: the member service card at a province's size. 10,000,000 card-usage rows imported with
# `gonghui import card-usage`, against the sqlite3 shell's `.import` of the same file (the engine's
# own loader); the province's card measures (`gonghui report cards --org HB`) against DuckDB
# computing the same measures from the same data exported to CSV, figures checked equal (and equal
# to what the generated files imply). One run, one machine; see Benchmarks/README.md.
#
# Usage: Benchmarks/card.sh [--rows N] [--members M] [--as-of YYYY-MM-DD] [--repeat K] [--bin PATH]
#                           [--out DIR] [--keep] [--reuse] [--step-timeout SECONDS]
#   --rows           card-usage rows in the file imported (default 10000000)
#   --members        members of the demo province (default 1000000; about 93 % are in good
#                    standing, and each of those without a card gets one)
#   --as-of          the day of the measures; the cards are issued over the 730 days before it and
#                    the uses fall in the 15 calendar months ending on it (default yesterday in
#                    China's time; with --reuse, the day the kept data was made for)
#   --repeat         runs of the report and of DuckDB, interleaved; the table shows the median
#                    (default 3)
#   --bin            use this gonghui binary instead of `swift build -c release --product gonghui`
#   --out            working folder for data and logs (default bench-out/, ignored by git)
#   --keep           keep the database with the cards issued, its key, the uses file and the
#                    generator's record (OUT/card-data-M-N), and the exported CSV files
#   --reuse          use what --keep left for the same M and N (and day, when --as-of is given)
#                    instead of making it again (the import is measured again all the same, into
#                    a copy)
#   --step-timeout   upper bound for any single step or run (default 7200)
#
# Prints one markdown table and writes it to Benchmarks/results-card-latest.md when every
# measurement was taken and every figure agreed (each run also keeps it in its folder in --out).
# Exits non-zero when a step or measurement could not be taken or a figure differs; a missed
# target is reported as FAIL in the table but does not change the exit status.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ROOT=$(repo_root)
cd "$ROOT"

ROWS=10000000
MEMBERS=1000000
AS_OF=""
REPEAT=3
BIN=${GONGHUI_BIN:-}
OUT=$ROOT/bench-out
KEEP=0
REUSE=0
STEP_TIMEOUT=7200
BRANCH="中国工商银行湖北省分行营业部"

while (( $# )); do
  case "$1" in
    --rows) ROWS=${2:?}; shift 2 ;;
    --rows=*) ROWS=${1#*=}; shift ;;
    --members) MEMBERS=${2:?}; shift 2 ;;
    --as-of) AS_OF=${2:?}; shift 2 ;;
    --repeat) REPEAT=${2:?}; shift 2 ;;
    --bin) BIN=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --reuse) REUSE=1; shift ;;
    --step-timeout) STEP_TIMEOUT=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) die "unknown option: $1 (see Benchmarks/card.sh --help)" ;;
  esac
done
for v in ROWS MEMBERS REPEAT; do
  { [[ "${!v}" =~ ^[0-9]+$ ]] && (( ${!v} > 0 )); } || die "--${v,,} takes a positive number"
done
[[ "$STEP_TIMEOUT" =~ ^[0-9]+$ ]] || die "--step-timeout takes whole seconds"
if [[ -n "$AS_OF" ]]; then
  [[ "$AS_OF" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ && "$(date -d "$AS_OF" +%F 2>/dev/null)" == "$AS_OF" ]] || die "--as-of takes a day, YYYY-MM-DD"
fi

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RUN="$OUT/card-$(date -u +%Y%m%dT%H%M%SZ)"
DATA="$OUT/card-data-$MEMBERS-$ROWS"
mkdir -p "$RUN/logs" "$RUN/out" "$RUN/export"
RESULTS="$RUN/results.tsv"   # key what count seconds rss_kib status
CHECKS="$RUN/checks.tsv"     # label detail status
META="$RUN/meta.tsv"
: >"$RESULTS"; : >"$CHECKS"; : >"$META"

errors=0
T0=$SECONDS
BASE="$DATA/base.sqlite"     # the demo province with every card issued (kept with --keep)
DB="$DATA/work.sqlite"       # a copy of it: the uses imported, the measures read

cleanup() {
  local status=$?
  if (( ! KEEP )); then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    if [[ -d "$DATA" && -f "$DATA/.built-by-this-run-$$" ]]; then rm -rf "$DATA"; fi
  fi
  rm -f "$DATA/.built-by-this-run-$$" "$DATA/issuing.csv" "$DATA/results.csv" "$RUN/limit.sqlite" 2>/dev/null || true
  (( KEEP )) || rm -rf "$RUN/export"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
tsv() { local IFS=$'\t'; echo "$*"; }

# measure KEY WHAT RUN COUNT -- COMMAND...
# Wall time of the whole command from here; peak RSS from GNU time. COUNT is the rows the
# command handles (for a rate), or `-`.
measure() {
  local key=$1 what=$2 run=$3 count=$4 rc=0 start end
  shift 5
  local log="$RUN/logs/$key-$run.log" tf="$RUN/logs/$key-$run.time"
  note "$what (run $run)"
  start=$(now)
  timeout --kill-after=30 "$STEP_TIMEOUT" /usr/bin/time -v -o "$tf" "$@" >"$log" 2>&1 || rc=$?
  end=$(now)
  if (( rc != 0 )); then
    local why="exit $rc"
    (( rc == 124 )) && why="timed out after $STEP_TIMEOUT s"
    errors=$(( errors + 1 ))
    tsv "$key" "$what" - - - "error: $why" >>"$RESULTS"
    echo "  FAILED: $what (run $run): $why" >&2
    tail -n 30 "$log" | sed 's/^/  /' >&2
    return 1
  fi
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tf")
  tsv "$key" "$what" "$count" "$(elapsed "$start" "$end")" "${rss:--}" ok >>"$RESULTS"
  printf '  %7.3f s, peak RSS %5d MiB\n' "$(elapsed "$start" "$end")" $(( ${rss:-0} / 1024 )) >&2
}

# step NAME -- COMMAND...: an untimed step under the time limit, its output in logs/NAME.log.
step() {
  local name=$1 rc=0
  shift 2
  timeout --kill-after=30 "$STEP_TIMEOUT" "$@" >"$RUN/logs/$name.log" 2>&1 || rc=$?
  if (( rc != 0 )); then
    errors=$(( errors + 1 ))
    echo "  FAILED: $name: $( (( rc == 124 )) && echo "timed out after $STEP_TIMEOUT s" || echo "exit $rc")" >&2
    tail -n 30 "$RUN/logs/$name.log" | sed 's/^/  /' >&2
    return 1
  fi
}

# verify LABEL EXPECTED REPORT
verify() {
  local label=$1 expected=$2 report=$3
  if [[ ! -s "$expected" || ! -s "$report" ]]; then
    errors=$(( errors + 1 ))
    tsv "$label" "not compared: a file is missing" mismatch >>"$CHECKS"
    return 0
  fi
  if ! "$PY" Benchmarks/card.py verify --expected "$expected" --label "$label" --checks "$CHECKS" "$report"; then
    errors=$(( errors + 1 ))
    echo "  MISMATCH: $label (see above)" >&2
  fi
}

# -- tools, binary, Python ------------------------------------------------------------
banner "dependencies"
bash scripts/ensure-deps.sh --no-postgres --no-python --no-wrk --no-browser
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  (( EUID == 0 )) || die "python3-venv is missing; install it: apt-get install python3-venv"
  note "installing python3-venv"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -qq update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -y -qq install --no-install-recommends python3-venv >/dev/null
fi
# The same venv and pins as annual.sh (git ignores .venv-bench/); the generator uses its numpy.
VENV="$ROOT/.venv-bench"
venv_install "$VENV" "$ROOT/Benchmarks/requirements-annual.txt" .requirements-stamp "$RUN/logs/pip.log" "$VENV/bin/python" -c 'import duckdb, pandas, pyarrow'
PY="$VENV/bin/python"

if [[ -z "$BIN" ]]; then
  banner "swift build -c release --product gonghui"
  note "building (a first release build takes a while; log: ${RUN#"$ROOT"/}/logs/build.log)"
  if ! swift build -c release --product gonghui >"$RUN/logs/build.log" 2>&1; then
    tail -n 60 "$RUN/logs/build.log" >&2
    die "swift build -c release failed"
  fi
  BIN="$(swift build -c release --show-bin-path)/gonghui"
fi
[[ -x "$BIN" ]] || die "no gonghui binary at $BIN"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
note "binary: $BIN"

# -- data: the demo province, its cards issued, the uses file ------------------------------------
banner "$MEMBERS members, $ROWS card uses: data"
USAGE="$DATA/usage.csv"
kept=$(cat "$DATA/ready" 2>/dev/null || true)     # "M N DAY" of the data --keep left
if (( REUSE )) && [[ "${kept% *}" == "$MEMBERS $ROWS" && ( -z "$AS_OF" || "${kept##* }" == "$AS_OF" ) \
      && -s "$BASE" && -s "$USAGE" && -s "$DATA/units.csv" && -s "$DATA/generate.json" && -s "$DATA/before.json" && -s "$DATA/key" ]]; then
  AS_OF=${kept##* }
  note "reusing the database with its cards issued and the uses file in ${DATA#"$ROOT"/} (made for $AS_OF)"
  tsv demo "gonghui demo --members $MEMBERS, the cards issued, the uses file: reused from ${DATA#"$ROOT"/}, not measured" - - - ok >>"$RESULTS"
else
  (( REUSE )) && note "nothing to reuse in ${DATA#"$ROOT"/} for these options; building"
  [[ -n "$AS_OF" ]] || AS_OF=$(TZ=Asia/Shanghai date -d yesterday +%F)
  rm -rf "$DATA"
  mkdir -p "$DATA"
  touch "$DATA/.built-by-this-run-$$"
  head -c 32 /dev/urandom | base64 -w0 >"$DATA/key"
  chmod 600 "$DATA/key"
  export GONGHUI_ENCRYPTION_KEY; GONGHUI_ENCRYPTION_KEY=$(cat "$DATA/key")
  measure demo "gonghui demo --members $MEMBERS (SQLite)" 1 "$MEMBERS" -- "$BIN" demo --members "$MEMBERS" --database "$BASE" \
    || die "the demo province could not be made (see above)"
  province=$(sqlite3 -readonly "$BASE" 'SELECT code FROM orgs WHERE parent_id IS NULL')
  [[ "$province" =~ ^[A-Za-z0-9]+$ ]] || die "the demo database has no single province (got: $province)"
  # The figures of the cards the demo made itself (none, or a county's), on the day: the
  # benchmark leaves them alone, and the check against the generated files adds them.
  step before -- "$BIN" report cards --org "$province" --as-of "$AS_OF" --format json --output "$DATA/before.json" --database "$BASE" \
    || die "the report on the demo database failed (see above)"
  # Every member in good standing without a card, in one file.
  without=$(sqlite3 -readonly "$BASE" "SELECT count(*) FROM members m WHERE m.status = 'active' AND NOT EXISTS (SELECT 1 FROM member_cards c WHERE c.member_id = m.id AND c.state IN ('requested', 'issuing', 'issued', 'active'))")
  measure issuing "gonghui export card-issuing --org $province --all-members (every member in good standing without a card)" 1 "$without" -- \
    "$BIN" export card-issuing --org "$province" --all-members --branch "$BRANCH" --output "$DATA/issuing.csv" --database "$BASE" \
    || die "the issuing file could not be made (see above)"
  measure generate "the bank's results and $ROWS uses (card.py generate)" 1 "$ROWS" -- \
    "$PY" Benchmarks/card.py generate --issuing "$DATA/issuing.csv" --as-of "$AS_OF" --rows "$ROWS" --seed 1 \
      --results "$DATA/results.csv" --usage "$USAGE" --units "$DATA/units.csv" --summary "$DATA/generate.json" \
    || die "no results or uses file (see above)"
  cards=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["cards"])' "$DATA/generate.json")
  issuing=$(sqlite3 -readonly "$BASE" "SELECT count(*) FROM member_cards WHERE state = 'issuing'")
  [[ "$cards" == "$without" && "$issuing" == "$cards" ]] \
    || die "the issuing file lists $cards members, $issuing cards are being made, $without members in good standing had none"
  issued_before=$(sqlite3 -readonly "$BASE" "SELECT count(*) FROM member_cards WHERE state = 'issued'")
  measure results "gonghui import card-results (every card made)" 1 "$cards" -- \
    "$BIN" import card-results "$DATA/results.csv" --database "$BASE" \
    || die "the bank's results could not be imported (see above)"
  got=$(sqlite3 -readonly "$BASE" "SELECT (SELECT count(*) FROM member_cards WHERE state = 'issued') - $issued_before, (SELECT count(*) FROM member_cards WHERE state = 'issuing')")
  [[ "$got" == "$cards|0" ]] || die "cards issued by the results, cards still being made: $got; expected $cards|0"
  rm -f "$DATA/issuing.csv" "$DATA/results.csv"
  echo "$MEMBERS $ROWS $AS_OF" >"$DATA/ready"
fi
export GONGHUI_ENCRYPTION_KEY; GONGHUI_ENCRYPTION_KEY=$(cat "$DATA/key")
PROVINCE=$(sqlite3 -readonly "$BASE" 'SELECT code FROM orgs WHERE parent_id IS NULL')
# The baseline computes the measures with the policy's defaults (CardPolicy.defaults).
own=$(sqlite3 -readonly "$BASE" "SELECT count(*) FROM policy_rules WHERE key LIKE 'card.%'")
[[ "$own" == 0 ]] || die "the database sets its own card policy ($own rules); the baseline knows only the defaults"
note "the measures on $AS_OF for $PROVINCE"

# A fresh copy of the database with the cards issued, brought to the binary's schema.
rm -f "$DB" "$DB-wal" "$DB-shm"
cp "$BASE" "$DB"
[[ -f "$BASE-wal" ]] && cp "$BASE-wal" "$DB-wal"
step migrate -- "$BIN" migrate --database "$DB" || die "gonghui migrate failed on the copy"

# -- the import against .import -------------------------------------------------------------
banner "import of $ROWS card uses"
imported=0
had=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM card_usage")   # the demo's own uses
if measure import "gonghui import card-usage" 1 "$ROWS" -- "$BIN" import card-usage "$USAGE" --database "$DB"; then
  got=$(sqlite3 -readonly "$DB" "SELECT count(*) - $had FROM card_usage")
  if [[ "$got" != "$ROWS" ]]; then
    errors=$(( errors + 1 ))
    echo "  FAILED: the import added $got rows to card_usage, not $ROWS" >&2
  else
    imported=1
  fi
fi
# The engine's own loader of the same file into a plain table: the import's limit.
printf 'CREATE TABLE t(c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT);\n.import --csv --skip 1 %s t\n' "$USAGE" >"$RUN/limit.sql"
rm -f "$RUN/limit.sqlite"
if measure import_limit "sqlite3 .import of the same CSV (limit)" 1 "$ROWS" -- sqlite3 -bail "$RUN/limit.sqlite" ".read $RUN/limit.sql"; then
  got=$(sqlite3 -readonly "$RUN/limit.sqlite" 'SELECT count(*) FROM t')
  [[ "$got" == "$ROWS" ]] || { errors=$(( errors + 1 )); echo "  FAILED: .import loaded $got rows, not $ROWS" >&2; }
fi
rm -f "$RUN/limit.sqlite"
(( imported )) || die "the uses were not imported; nothing to report on (see above)"

# -- the export for DuckDB ----------------------------------------------------------------------
banner "the export for DuckDB"
# Every row of the five tables the report reads, only the columns it reads, nothing joined,
# filtered or summed (not timed): the same data DuckDB is given.
E="$RUN/export"
export_csv() {   # NAME QUERY: $E/NAME, the query's rows as the sqlite3 shell writes them, with a header
  if ! timeout --kill-after=30 "$STEP_TIMEOUT" sqlite3 -readonly -bail -csv -header "$DB" "$2" >"$E/$1" 2>"$RUN/logs/export-$1.log"; then
    errors=$(( errors + 1 ))
    echo "  FAILED: the export of $1" >&2
    cat "$RUN/logs/export-$1.log" >&2
    return 1
  fi
}
export_csv orgs.csv "SELECT id, code, name, path, parent_id FROM orgs" \
  && export_csv members.csv "SELECT id, org_id FROM members" \
  && export_csv member_cards.csv "SELECT id, member_id, state, issued_on, activated_on, last_used_on FROM member_cards" \
  && export_csv card_usage.csv "SELECT card_id, used_on FROM card_usage" \
  && export_csv card_usage_months.csv "SELECT card_id, month FROM card_usage_months" \
  || die "the export for DuckDB failed (see above)"

# -- what the run is ----------------------------------------------------------------------
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || commit+="+changes"
built=""
if bcommit=$(git -C "$(dirname "$BIN")" rev-parse --short HEAD 2>/dev/null); then
  git -C "$(dirname "$BIN")" diff --quiet HEAD -- Sources Package.swift 2>/dev/null || bcommit+="+changes"
  built=", built in $(git -C "$(dirname "$BIN")" rev-parse --show-toplevel) at $bcommit"
fi
{
  tsv date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  tsv machine "$(nproc) cores (${cpu:-unknown CPU}), $mem GiB memory, $(uname -sr)"
  tsv versions "gonghui: repository at $commit, binary $BIN ($(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC'), sha256 $(sha256sum "$BIN" | cut -c1-12)$built); $(swift --version 2>&1 | grep -o 'Swift version [0-9.]*' | head -n 1 || echo 'Swift ?'); sqlite3 $(sqlite3 --version | awk '{ print $1 }'); $("$PY" -c 'import sys, duckdb; print(f"Python {sys.version.split()[0]}, DuckDB {duckdb.__version__}")')"
  tsv data "$("$PY" - "$DATA/generate.json" "$DB" "$USAGE" "$E" "$PROVINCE" "$MEMBERS" "$DATA/before.json" <<'EOF'
import json, os, sys, sqlite3
g = json.load(open(sys.argv[1]))
own = json.load(open(sys.argv[7]))["rows"][0]
db = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True)
e, province, members = sys.argv[4], sys.argv[5], int(sys.argv[6])
orgs = db.execute("SELECT count(*) FROM orgs").fetchone()[0]
children = db.execute("SELECT count(*) FROM orgs WHERE parent_id = (SELECT id FROM orgs WHERE code = ?)", (province,)).fetchone()[0]
months = db.execute("SELECT count(*) FROM card_usage_months").fetchone()[0]
mib = lambda p: os.path.getsize(p) / 1048576
k = g["kinds"]
demo = (f"; besides, the demo's own {own['issued']:,} cards issued ({own['activated']:,} activated), left as they are" if own["issued"] else "")
print(f"The demo province {province} of {members:,} members, {orgs:,} orgs, {children} children; every one of its {g['cards']:,} members "
      f"in good standing without a card ({g['units']:,} unions) given one: the issuing file (`gonghui export card-issuing --all-members`), "
      f"the bank's results (`gonghui import card-results`, every card made, issued {g['issued_from']} to {g['issued_to']}){demo}. The uses file "
      f"({mib(sys.argv[3]):,.0f} MiB CSV: 卡号, 交易日期, 商户, 交易金额, 优惠金额, 流水号) holds {g['rows']:,} uses from {g['usage_from']} to "
      f"{g['usage_to']}, in date order, of {g['cards_used']:,} cards ({k['never']:,} cards never used, {k['regular']:,} used every month "
      f"since issued, {k['lapsed']:,} used for a while and then left, {k['occasional']:,} in a few months here and there; a used card "
      f"{g['uses_per_used_card_median']:.0f} uses at the median, at most {g['uses_per_used_card_max']:,}). The day of the measures "
      f"{g['as_of']}. SQLite file after the import {mib(sys.argv[2]):,.0f} MiB; exported for DuckDB: card_usage.csv "
      f"{mib(e + '/card_usage.csv'):,.0f} MiB, card_usage_months.csv {mib(e + '/card_usage_months.csv'):,.1f} MiB ({months:,} rows), "
      f"member_cards.csv {mib(e + '/member_cards.csv'):,.1f} MiB, members.csv {mib(e + '/members.csv'):,.1f} MiB, "
      f"orgs.csv {mib(e + '/orgs.csv'):,.1f} MiB.")
EOF
)"
  tsv settings "Import: one run of each, wall time of the whole process, into a fresh copy of the database with the cards issued. Report: \`gonghui report cards --org $PROVINCE --as-of $AS_OF --format json --output FILE\` (the province and each of its children), $REPEAT runs interleaved with DuckDB's; seconds are the median wall time of the whole process (start, read, compute, write the JSON), DuckDB's in a new Python process reading the five CSV files (typed columns) with the engine's default threads and writing the same rows as JSON."
} >"$META"

# -- report vs DuckDB ------------------------------------------------------------------------
banner "report vs DuckDB ($REPEAT runs each, interleaved)"
O="$RUN/out"
for (( r = 1; r <= REPEAT; r++ )); do
  measure report "gonghui report cards --org $PROVINCE · SQLite" "$r" - -- \
    "$BIN" report cards --org "$PROVINCE" --as-of "$AS_OF" --format json --output "$O/report.json" --database "$DB" || true
  measure duckdb "DuckDB over the CSV files (limit)" "$r" - -- \
    "$PY" Benchmarks/card.py duckdb --dir "$E" --org "$PROVINCE" --as-of "$AS_OF" --output "$O/duckdb.json" || true
done

banner "figures compared"
# What the generated files imply, summed up the tree (plus the demo's own cards, as the report
# gave them before the benchmark's were issued): independent of what the import wrote, so that a
# figure it got wrong (a month, a first or last use, an activation) shows even where DuckDB,
# reading the same tables, agrees with the report.
step truth -- "$PY" Benchmarks/card.py truth --units "$DATA/units.csv" --before "$DATA/before.json" --orgs "$E/orgs.csv" --org "$PROVINCE" \
  --as-of "$AS_OF" --output "$O/truth.json" || true
verify "gonghui · $PROVINCE on $AS_OF against DuckDB's" "$O/duckdb.json" "$O/report.json"
verify "gonghui · $PROVINCE on $AS_OF against the generated files" "$O/truth.json" "$O/report.json"

# -- report --------------------------------------------------------------------------------------
banner "results ($(( (SECONDS - T0) / 60 )) min; logs in ${RUN#"$ROOT"/})"
"$PY" Benchmarks/card.py table "$META" "$RESULTS" "$CHECKS" "$RUN/results.md"
echo
if (( errors )); then
  echo "$errors step(s), measurement(s) or comparison(s) failed; see the messages above." >&2
  echo "Table kept in ${RUN#"$ROOT"/}/results.md; Benchmarks/results-card-latest.md left as it was." >&2
  exit 1
fi
cp "$RUN/results.md" Benchmarks/results-card-latest.md
echo "written to Benchmarks/results-card-latest.md"
