#!/usr/bin/env bash
# Benchmark: labor disputes at a province's size. A register of 1,000,000 cases imported with
# `gonghui import disputes`; the province's yearly figures (`gonghui report disputes --depth 1`)
# against DuckDB computing the same figures from the same CSV files, figures checked equal; the
# worklist of a county with 10,000 open cases over HTTP. One run, one machine; see
# Benchmarks/README.md.
#
# Usage: Benchmarks/disputes.sh [--cases N] [--members M] [--county CODE] [--county-open K]
#                               [--repeat K] [--requests N] [--bin PATH] [--out DIR] [--keep]
#                               [--reuse] [--step-timeout SECONDS]
#   --cases          cases in the register (default 1000000), received over the two years up to
#                    yesterday (China's time); the report covers the last full calendar year
#   --members        members of the demo province whose org tree the cases are spread over
#                    (default 2000000: 100,000 grassroots unions; only orgs.csv is used)
#   --county         the county of the worklist (default HB0101)
#   --county-open    open cases in the county's subtree (default 10000)
#   --repeat         runs of each report and of DuckDB, interleaved; the table shows the median
#                    (default 3)
#   --requests       timed requests of each worklist URL, after 20 untimed (default 200)
#   --bin            use this gonghui binary instead of `swift build -c release --product gonghui`
#   --out            working folder for data and logs (default bench-out/, ignored by git)
#   --keep           keep the register, the orgs file and the SQLite database (OUT/disputes-data-N)
#   --reuse          use what --keep left for the same options instead of generating and
#                    importing again (the import is then not measured)
#   --step-timeout   upper bound for any single step or run (default 3600)
#
# Prints one markdown table and writes it to Benchmarks/results-disputes-latest.md when every
# measurement was taken and every figure agreed with DuckDB's (each run also keeps it in its
# folder in --out). Exits non-zero when a measurement could not be taken or a figure differs; a
# missed target is reported as FAIL in the table but does not change the exit status.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ROOT=$(repo_root)
cd "$ROOT"

CASES=1000000
MEMBERS=2000000
COUNTY=HB0101
COUNTY_OPEN=10000
REPEAT=3
REQUESTS=200
BIN=${GONGHUI_BIN:-}
OUT=$ROOT/bench-out
KEEP=0
REUSE=0
STEP_TIMEOUT=3600

while (( $# )); do
  case "$1" in
    --cases) CASES=${2:?}; shift 2 ;;
    --cases=*) CASES=${1#*=}; shift ;;
    --members) MEMBERS=${2:?}; shift 2 ;;
    --county) COUNTY=${2:?}; shift 2 ;;
    --county-open) COUNTY_OPEN=${2:?}; shift 2 ;;
    --repeat) REPEAT=${2:?}; shift 2 ;;
    --requests) REQUESTS=${2:?}; shift 2 ;;
    --bin) BIN=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --reuse) REUSE=1; shift ;;
    --step-timeout) STEP_TIMEOUT=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) die "unknown option: $1 (see Benchmarks/disputes.sh --help)" ;;
  esac
done
for v in CASES MEMBERS REPEAT REQUESTS; do
  { [[ "${!v}" =~ ^[0-9]+$ ]] && (( ${!v} > 0 )); } || die "--${v,,} takes a positive number"
done
[[ "$COUNTY_OPEN" =~ ^[0-9]+$ ]] || die "--county-open takes a number"
(( COUNTY_OPEN <= CASES )) || die "--county-open cannot exceed --cases"
[[ "$COUNTY" =~ ^[A-Za-z0-9]+$ ]] || die "--county takes an org code, e.g. HB0101"
[[ "$STEP_TIMEOUT" =~ ^[0-9]+$ ]] || die "--step-timeout takes whole seconds"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RUN="$OUT/disputes-$(date -u +%Y%m%dT%H%M%SZ)"
DATA="$OUT/disputes-data-$CASES"
mkdir -p "$RUN/logs" "$RUN/out"
RESULTS="$RUN/results.tsv"   # key what count seconds rss_kib p50_ms p95_ms max_ms status
CHECKS="$RUN/checks.tsv"     # label detail status
META="$RUN/meta.tsv"
: >"$RESULTS"; : >"$CHECKS"; : >"$META"

errors=0
T0=$SECONDS
SERVER_PID=""

cleanup() {
  local status=$?
  stop_pid "$SERVER_PID" 15
  if (( ! KEEP )) && [[ -d "$DATA" && -f "$DATA/.built-by-this-run-$$" ]]; then
    rm -rf "$DATA"
  fi
  rm -f "$DATA/.built-by-this-run-$$" 2>/dev/null || true
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
    tsv "$key" "$what" - - - - - - "error: $why" >>"$RESULTS"
    echo "  FAILED: $what (run $run): $why" >&2
    tail -n 30 "$log" | sed 's/^/  /' >&2
    return 1
  fi
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tf")
  tsv "$key" "$what" "$count" "$(elapsed "$start" "$end")" "${rss:--}" - - - ok >>"$RESULTS"
  printf '  %7.3f s, peak RSS %5d MiB\n' "$(elapsed "$start" "$end")" $(( ${rss:-0} / 1024 )) >&2
}

# verify LABEL EXPECTED REPORT
verify() {
  local label=$1 expected=$2 report=$3
  if [[ ! -s "$expected" || ! -s "$report" ]]; then
    errors=$(( errors + 1 ))
    tsv "$label" "not compared: a file is missing" mismatch >>"$CHECKS"
    return 0
  fi
  if ! "$PY" Benchmarks/disputes.py verify --expected "$expected" --label "$label" --checks "$CHECKS" "$report"; then
    errors=$(( errors + 1 ))
    echo "  MISMATCH: $label differs from DuckDB (see above)" >&2
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
# The same venv and pins as annual.sh (git ignores .venv-bench/).
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

# -- data ---------------------------------------------------------------------------------
banner "$CASES cases: data and import"
DB="$DATA/gonghui.sqlite"
REGISTER="$DATA/disputes.csv"
ORGS="$DATA/orgs.csv"
SUMMARY="$DATA/summary.json"
WANT="$CASES $MEMBERS $COUNTY $COUNTY_OPEN"
data_ok=0
imported=0
if (( REUSE )) && [[ -f "$DATA/ready" && "$(cat "$DATA/ready")" == "$WANT" && -s "$DB" && -s "$REGISTER" ]]; then
  note "reusing the register and the database in ${DATA#"$ROOT"/} (the import is not measured)"
  tsv import "gonghui import disputes: reused from ${DATA#"$ROOT"/}, not measured" - - - - - - ok >>"$RESULTS"
  data_ok=1
else
  (( REUSE )) && note "nothing to reuse in ${DATA#"$ROOT"/} for these options; building"
  rm -rf "$DATA"
  mkdir -p "$DATA"
  touch "$DATA/.built-by-this-run-$$"
  head -c 32 /dev/urandom | base64 -w0 >"$DATA/key"
  chmod 600 "$DATA/key"
  export GONGHUI_ENCRYPTION_KEY; GONGHUI_ENCRYPTION_KEY=$(cat "$DATA/key")
  END=$(TZ=Asia/Shanghai date -d yesterday +%F)
  if measure demo "gonghui demo --members $MEMBERS --output-dir (orgs.csv)" 1 - -- \
      "$BIN" demo --members "$MEMBERS" --output-dir "$DATA/demo" --seed 1; then
    # Only the org tree is used; the members file is not.
    mv "$DATA/demo/orgs.csv" "$ORGS"
    rm -rf "$DATA/demo"
    orgs=$(( $(wc -l <"$ORGS") - 1 ))
    if measure generate "generate the register (disputes.py generate)" 1 "$CASES" -- \
        "$PY" Benchmarks/disputes.py generate --orgs "$ORGS" --out "$REGISTER" --rows "$CASES" --county "$COUNTY" \
          --county-open "$COUNTY_OPEN" --end "$END" --seed 1 --summary "$SUMMARY" \
      && measure import_orgs "gonghui import orgs" 1 "$orgs" -- "$BIN" import orgs "$ORGS" --database "$DB" \
      && measure import "gonghui import disputes" 1 "$CASES" -- "$BIN" import disputes "$REGISTER" --database "$DB"; then
      got=$(sqlite3 -readonly "$DB" 'SELECT count(*) FROM dispute_cases')
      if [[ "$got" != "$CASES" ]]; then
        errors=$(( errors + 1 ))
        echo "  FAILED: the database holds $got cases, not $CASES" >&2
      else
        echo "$WANT" >"$DATA/ready"
        data_ok=1
        imported=1
      fi
    fi
  fi
fi
export GONGHUI_ENCRYPTION_KEY; GONGHUI_ENCRYPTION_KEY=$(cat "$DATA/key" 2>/dev/null || head -c 32 /dev/urandom | base64 -w0)
if (( data_ok && imported )); then
  # The engine's own loader of the same file into a plain table: the import's limit.
  cols=$(head -n 1 "$REGISTER" | awk -F, '{ print NF }')
  coldefs=$(for (( i = 1; i <= cols; i++ )); do printf 'c%d TEXT%s' "$i" "$( (( i < cols )) && echo ', ')"; done)
  printf 'CREATE TABLE t(%s);\n.import --csv --skip 1 %s t\n' "$coldefs" "$REGISTER" >"$RUN/limit.sql"
  rm -f "$RUN/limit.sqlite"
  measure import_limit "sqlite3 .import of the same CSV (limit)" 1 "$CASES" -- sqlite3 -bail "$RUN/limit.sqlite" ".read $RUN/limit.sql" || true
  rm -f "$RUN/limit.sqlite"
fi
if (( data_ok )); then
  # A database kept by an earlier run is brought to this binary's schema first.
  if ! "$BIN" migrate --database "$DB" >"$RUN/logs/migrate.log" 2>&1; then
    errors=$(( errors + 1 ))
    cat "$RUN/logs/migrate.log" >&2
    data_ok=0
  fi
fi
(( data_ok )) || die "no data to measure (see the messages above)"

PROVINCE=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["province"])' "$SUMMARY")
FROM=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["year_from"])' "$SUMMARY")
TO=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["year_to"])' "$SUMMARY")
COUNTY_CASES=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["county_cases"])' "$SUMMARY")
YEAR_CASES=$("$PY" -c 'import json, sys; print(format(json.load(open(sys.argv[1]))["year_cases"], ","))' "$SUMMARY")

# -- what the run is ----------------------------------------------------------------------
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || commit+="+changes"
{
  tsv date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  tsv machine "$(nproc) cores (${cpu:-unknown CPU}), $mem GiB memory, $(uname -sr)"
  tsv versions "gonghui: repository at $commit, binary $BIN ($(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC'), sha256 $(sha256sum "$BIN" | cut -c1-12)); sqlite3 $(sqlite3 --version | awk '{ print $1 }'); $("$PY" -c 'import sys, duckdb; print(f"Python {sys.version.split()[0]}, DuckDB {duckdb.__version__}")')"
  tsv data "$("$PY" - "$SUMMARY" "$DB" "$REGISTER" "$ORGS" <<'EOF'
import json, os, sys, sqlite3
s = json.load(open(sys.argv[1]))
db = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True)
orgs = db.execute("SELECT count(*) FROM orgs").fetchone()[0]
mib = lambda p: os.path.getsize(p) / 1048576
print(f"Register of {s['rows']:,} cases received {s['start']} to {s['end']} ({s['open']:,} open, {s['closed']:,} closed, "
      f"{s['mediated']:,} mediated, {s['collective']:,} collective, {s['late']:,} closed after 60 days), "
      f"{mib(sys.argv[3]):,.0f} MiB CSV, handled across the demo province {s['province']} ({orgs:,} orgs, orgs.csv "
      f"{mib(sys.argv[4]):,.0f} MiB); the county {s['county']} holds {s['county_cases']:,} cases of which "
      f"{s['county_open']:,} open. SQLite file {mib(sys.argv[2]):,.0f} MiB.")
EOF
)"
  tsv settings "Report: --org $PROVINCE --from $FROM --to $TO --depth 1 --format json (the year's $YEAR_CASES cases; the province and its children), $REPEAT runs interleaved with DuckDB's; seconds are the median wall time of the whole process (start, read, compute, write the JSON), DuckDB's in a new Python process reading the register CSV and orgs.csv with the engine's default threads. Worklist: $REQUESTS sequential GETs on one kept-alive connection after 20 untimed, each from sending to the last byte, against \`gonghui serve\` on the imported database, signed in as the province's system admin (bearer token; the page with the same token as its session cookie)."
} >"$META"

# -- report vs DuckDB ------------------------------------------------------------------------
banner "report vs DuckDB ($REPEAT runs each, interleaved)"
O="$RUN/out"
for (( r = 1; r <= REPEAT; r++ )); do
  measure report "gonghui report disputes --org $PROVINCE --depth 1 · SQLite" "$r" - -- \
    "$BIN" report disputes --org "$PROVINCE" --from "$FROM" --to "$TO" --depth 1 --format json --output "$O/report.json" --database "$DB" || true
  measure duckdb "DuckDB over the CSV files (limit)" "$r" - -- \
    "$PY" Benchmarks/disputes.py duckdb --orgs "$ORGS" --cases "$REGISTER" --org "$PROVINCE" --from "$FROM" --to "$TO" --output "$O/duckdb.json" || true
  measure report_county "gonghui report disputes --org $COUNTY --depth 1 · SQLite" "$r" - -- \
    "$BIN" report disputes --org "$COUNTY" --from "$FROM" --to "$TO" --depth 1 --format json --output "$O/report-county.json" --database "$DB" || true
done
note "DuckDB for the county (for the check only)"
"$PY" Benchmarks/disputes.py duckdb --orgs "$ORGS" --cases "$REGISTER" --org "$COUNTY" --from "$FROM" --to "$TO" --output "$O/duckdb-county.json" \
  >"$RUN/logs/duckdb-county.log" 2>&1 || { errors=$(( errors + 1 )); cat "$RUN/logs/duckdb-county.log" >&2; }

banner "figures compared with DuckDB's"
verify "gonghui · $PROVINCE, depth 1" "$O/duckdb.json" "$O/report.json"
verify "gonghui · $COUNTY, depth 1" "$O/duckdb-county.json" "$O/report-county.json"

# -- the worklist over HTTP --------------------------------------------------------------------
banner "worklist of $COUNTY over HTTP"
PORT=$(free_port 18091) || die "no free port from 18091"
URL="http://127.0.0.1:$PORT"
note "serving $DB on $URL"
"$BIN" serve --database "$DB" --host 127.0.0.1 --port "$PORT" </dev/null >"$RUN/logs/serve.log" 2>&1 &
SERVER_PID=$!
http_fail() {
  errors=$(( errors + 1 ))
  tsv http_api "GET /api/v1/disputes?org=$COUNTY&limit=50" - - - - - - "error: $1" >>"$RESULTS"
  echo "  FAILED: $1" >&2
}
if ! wait_http "$URL/healthz" 600 "$SERVER_PID"; then
  http_fail "the server did not answer /healthz (log: ${RUN#"$ROOT"/}/logs/serve.log)"
else
  # A database that only went through imports has no users: add the province's admin.
  "$BIN" user add bench-admin --role system_admin --org "$PROVINCE" --password 'Bench-2026!admin' --database "$DB" \
    </dev/null >"$RUN/logs/token.log" 2>&1 || true
  TOKEN=$("$BIN" user token bench-admin --database "$DB" </dev/null 2>>"$RUN/logs/token.log" | tail -n 1 | tr -d '[:space:]') || true
  if [[ -z "$TOKEN" ]]; then
    http_fail "gonghui user token printed no token (log: ${RUN#"$ROOT"/}/logs/token.log)"
  else
    H=("$PY" Benchmarks/disputes.py http --url "$URL" --requests "$REQUESTS" --out "$RESULTS")
    "${H[@]}" --key http_bare --what "GET /healthz, bare route (limit)" --path /healthz || errors=$(( errors + 1 ))
    "${H[@]}" --key http_api --what "GET /api/v1/disputes?org=$COUNTY&limit=50" --path "/api/v1/disputes?org=$COUNTY&limit=50" \
      --bearer "$TOKEN" --expect-total "$COUNTY_CASES" --expect-items 50 --expect-open || errors=$(( errors + 1 ))
    "${H[@]}" --key http_page --what "GET /disputes?org=$COUNTY (console page, 30 a page)" --path "/disputes?org=$COUNTY" \
      --cookie "$TOKEN" || errors=$(( errors + 1 ))
  fi
fi
stop_pid "$SERVER_PID" 15
SERVER_PID=""

# -- report --------------------------------------------------------------------------------------
banner "results ($(( (SECONDS - T0) / 60 )) min; logs in ${RUN#"$ROOT"/})"
"$PY" Benchmarks/disputes.py table "$META" "$RESULTS" "$CHECKS" "$RUN/results.md"
echo
if (( errors )); then
  echo "$errors step(s), measurement(s) or comparison(s) failed; see the messages above." >&2
  echo "Table kept in ${RUN#"$ROOT"/}/results.md; Benchmarks/results-disputes-latest.md left as it was." >&2
  exit 1
fi
cp "$RUN/results.md" Benchmarks/results-disputes-latest.md
echo "written to Benchmarks/results-disputes-latest.md"
