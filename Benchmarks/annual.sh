#!/usr/bin/env bash
# Benchmark: the annual statistics (`gonghui report annual --depth all`) on SQLite and PostgreSQL,
# against DuckDB and pandas computing the same roll-up from the same data exported to Parquet,
# in one run on one machine. See Benchmarks/README.md.
#
# Usage: Benchmarks/annual.sh [--members N] [--as-of YYYY-MM-DD] [--county CODE] [--repeat K]
#                             [--skip-postgres] [--bin PATH] [--out DIR] [--keep] [--reuse]
#                             [--step-timeout SECONDS]
#   --members        members of the demo province (default 10000000; 100,000 grassroots unions
#                    from 2,000,000 members up)
#   --as-of          the report's date (default 2025-12-31)
#   --county         the county of the single-county report (default HB0101)
#   --repeat         runs of each measurement, interleaved; the table shows the median (default 3)
#   --skip-postgres  SQLite and the baselines only
#   --bin            use this gonghui binary instead of building `swift build -c release`
#   --out            working folder for data and logs (default bench-out/, ignored by git)
#   --keep           keep the SQLite database and the exported files (in OUT/annual-data-N)
#   --reuse          use the SQLite database and exported files that a --keep run of the same
#                    N left in OUT/annual-data-N on the same day (China's time) instead of
#                    building them (PostgreSQL is always loaded anew)
#   --step-timeout   upper bound for any single step or run (default 7200)
#
# Prints one markdown table and writes it to Benchmarks/results-annual-latest.md (only when
# every measurement was taken and every figure agreed with DuckDB's; each run also keeps it in
# its folder in --out). Exits non-zero when a measurement could not be taken or a figure of the
# report differs from DuckDB's; a missed target is reported as FAIL in the table but does not
# change the exit status.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ROOT=$(repo_root)
cd "$ROOT"

N=10000000
AS_OF=2025-12-31
COUNTY=HB0101
PROVINCE=HB
REPEAT=3
SKIP_PG=0
BIN=${GONGHUI_BIN:-}
OUT=$ROOT/bench-out
KEEP=0
REUSE=0
STEP_TIMEOUT=7200

while (( $# )); do
  case "$1" in
    --members) N=${2:?}; shift 2 ;;
    --members=*) N=${1#*=}; shift ;;
    --as-of) AS_OF=${2:?}; shift 2 ;;
    --as-of=*) AS_OF=${1#*=}; shift ;;
    --county) COUNTY=${2:?}; shift 2 ;;
    --repeat) REPEAT=${2:?}; shift 2 ;;
    --skip-postgres) SKIP_PG=1; shift ;;
    --bin) BIN=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --reuse) REUSE=1; shift ;;
    --step-timeout) STEP_TIMEOUT=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) die "unknown option: $1 (see Benchmarks/annual.sh --help)" ;;
  esac
done
{ [[ "$N" =~ ^[0-9]+$ ]] && (( N > 0 )); } || die "--members takes a positive number, e.g. 1000000"
[[ "$AS_OF" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "--as-of takes a date YYYY-MM-DD"
[[ "$COUNTY" =~ ^[A-Za-z0-9]+$ ]] || die "--county takes an org code, e.g. HB0101"
{ [[ "$REPEAT" =~ ^[0-9]+$ ]] && (( REPEAT > 0 )); } || die "--repeat takes a positive number"
[[ "$STEP_TIMEOUT" =~ ^[0-9]+$ ]] || die "--step-timeout takes whole seconds"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RUN="$OUT/annual-$(date -u +%Y%m%dT%H%M%SZ)"
DATA="$OUT/annual-data-$N"
mkdir -p "$RUN/logs" "$RUN/out"
RESULTS="$RUN/results.tsv"   # key what run seconds rss_kib rows status
STEPS="$RUN/steps.tsv"       # what seconds status
CHECKS="$RUN/checks.tsv"     # label rows differences detail status
META="$RUN/meta.tsv"
: >"$RESULTS"; : >"$STEPS"; : >"$CHECKS"; : >"$META"

errors=0
T0=$SECONDS

cleanup() {
  local status=$?
  if [[ -n "${GONGHUI_PG_DIR:-}" ]]; then
    bash "$ROOT/scripts/pg-stop.sh" "$GONGHUI_PG_DIR" || true
  fi
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

# step WHAT LOGNAME -- COMMAND...   (a preparation step: timed for the record, not compared)
step() {
  local what=$1 name=$2 rc=0 start end
  shift 3
  note "$what"
  start=$(now)
  timeout --kill-after=30 "$STEP_TIMEOUT" "$@" >"$RUN/logs/$name.log" 2>&1 || rc=$?
  end=$(now)
  if (( rc != 0 )); then
    local why="exit $rc"
    (( rc == 124 )) && why="timed out after $STEP_TIMEOUT s"
    errors=$(( errors + 1 ))
    tsv "$what" - "error: $why" >>"$STEPS"
    echo "  FAILED: $what: $why" >&2
    tail -n 30 "$RUN/logs/$name.log" | sed 's/^/  /' >&2
    return 1
  fi
  tsv "$what" "$(elapsed "$start" "$end")" ok >>"$STEPS"
  echo "  $(elapsed "$start" "$end") s" >&2
}

# measure KEY WHAT RUN OUTPUT -- COMMAND...
# Wall time of the whole command from here; peak RSS from GNU time (of the command itself, not
# of a database server it talks to). OUTPUT is the file the command writes; its rows are
# counted after the last run.
measure() {
  local key=$1 what=$2 run=$3 output=$4 rc=0 start end
  shift 5
  local log="$RUN/logs/$key-$run.log" tf="$RUN/logs/$key-$run.time"
  rm -f "$output"
  start=$(now)
  timeout --kill-after=30 "$STEP_TIMEOUT" /usr/bin/time -v -o "$tf" "$@" >"$log" 2>&1 || rc=$?
  end=$(now)
  if (( rc == 0 )) && [[ ! -s "$output" ]]; then
    rc=1
    echo "no output written to $output" >>"$log"
  fi
  if (( rc != 0 )); then
    local why="exit $rc"
    (( rc == 124 )) && why="timed out after $STEP_TIMEOUT s"
    errors=$(( errors + 1 ))
    tsv "$key" "$what" "$run" - - - "error: $why" >>"$RESULTS"
    echo "  FAILED: $what (run $run): $why" >&2
    tail -n 30 "$log" | sed 's/^/  /' >&2
    return 1
  fi
  local rss rows=-
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tf")
  if (( run == REPEAT )); then
    rows=$("$PY" Benchmarks/annual.py rows "$output" 2>/dev/null || echo -)
  fi
  tsv "$key" "$what" "$run" "$(elapsed "$start" "$end")" "${rss:--}" "$rows" ok >>"$RESULTS"
  printf '  %-62s run %d: %7.3f s, peak RSS %5d MiB\n' "$what" "$run" "$(elapsed "$start" "$end")" $(( ${rss:-0} / 1024 )) >&2
}

# verify LABEL REPORT   (its figures against DuckDB's over Parquet)
verify() {
  local label=$1 report=$2
  [[ -s "$report" && -s "$RUN/out/duckdb-parquet.parquet" ]] || return 0
  if ! "$PY" Benchmarks/annual.py verify --expected "$RUN/out/duckdb-parquet.parquet" --as-of "$AS_OF" \
      --label "$label" --checks "$CHECKS" "$report"; then
    errors=$(( errors + 1 ))
    echo "  MISMATCH: $label differs from DuckDB (see above)" >&2
  fi
}

# -- tools, binary, Python, PostgreSQL ------------------------------------------
banner "dependencies"
dep_args=(--no-python --no-wrk --no-browser)
(( SKIP_PG )) && dep_args+=(--no-postgres)
bash scripts/ensure-deps.sh "${dep_args[@]}"

# The baselines' Python tools, pinned, in their own venv (git ignores .venv-bench/).
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  (( EUID == 0 )) || die "python3-venv is missing; install it: apt-get install python3-venv"
  note "installing python3-venv"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -qq update >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -y -qq install --no-install-recommends python3-venv >/dev/null
fi
VENV="$ROOT/.venv-bench"
venv_install "$VENV" "$ROOT/Benchmarks/requirements-annual.txt" .requirements-stamp "$RUN/logs/pip.log" "$VENV/bin/python" -c 'import duckdb, pandas, pyarrow'
PY="$VENV/bin/python"

if [[ -z "$BIN" ]]; then
  banner "swift build -c release"
  note "building (a first release build takes a while; log: ${RUN#"$ROOT"/}/logs/build.log)"
  if ! swift build -c release >"$RUN/logs/build.log" 2>&1; then
    tail -n 60 "$RUN/logs/build.log" >&2
    die "swift build -c release failed"
  fi
  BIN="$(swift build -c release --show-bin-path)/gonghui"
fi
[[ -x "$BIN" ]] || die "no gonghui binary at $BIN"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
note "binary: $BIN"

if (( ! SKIP_PG )); then
  banner "PostgreSQL"
  eval "$(bash scripts/pg-start.sh)"
  PSQL=(env "PGOPTIONS=-c client_min_messages=warning" "$GONGHUI_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$GONGHUI_PG_PORT" -U postgres)
  PGURL="postgres://postgres@127.0.0.1:$GONGHUI_PG_PORT/bench_annual"
fi

# -- data -------------------------------------------------------------------------
banner "$N members: data"
DB="$DATA/gonghui.sqlite"
sqlite_ok=0
# The demo dates some records from the day it runs (collective contracts renewed up to today, in
# China's time zone), so a database kept from another day would not hold the data PostgreSQL is
# loaded with now: it is reused only on the day it was made.
DEMO_DAY=$(TZ=Asia/Shanghai date +%F)
if (( REUSE )) && [[ -f "$DATA/ready" && "$(cat "$DATA/ready")" == "$N $DEMO_DAY" && -s "$DB" ]]; then
  note "reusing the database and the exported files in ${DATA#"$ROOT"/}"
  tsv "SQLite database and exported files" - "reused from ${DATA#"$ROOT"/}" >>"$STEPS"
  sqlite_ok=1
else
  (( REUSE )) && note "nothing to reuse in ${DATA#"$ROOT"/} (none, another size, or made on another day than $DEMO_DAY); building"
  rm -rf "$DATA"
  mkdir -p "$DATA"
  touch "$DATA/.built-by-this-run-$$"
  # The database and the key that opens it are kept together, so that --reuse can open it.
  head -c 32 /dev/urandom | base64 -w0 >"$DATA/key"
  chmod 600 "$DATA/key"
  GONGHUI_ENCRYPTION_KEY=$(cat "$DATA/key")
  export GONGHUI_ENCRYPTION_KEY
  if step "SQLite · gonghui demo --members $N" demo-sqlite -- "$BIN" demo --members "$N" --database "$DB"; then
    got=$(sqlite3 -readonly "$DB" 'SELECT count(*) FROM members')
    if [[ "$got" != "$N" ]]; then
      errors=$(( errors + 1 ))
      echo "  FAILED: the demo database holds $got members, not $N" >&2
    elif step "export: sqlite3 -csv, then DuckDB to Parquet" export -- "$PY" Benchmarks/annual.py export --db "$DB" --out "$DATA"; then
      sed 's/^/  /' "$RUN/logs/export.log" >&2
      echo "$N $DEMO_DAY" >"$DATA/ready"
      sqlite_ok=1
    fi
  fi
fi
GONGHUI_ENCRYPTION_KEY=$(cat "$DATA/key" 2>/dev/null || head -c 32 /dev/urandom | base64 -w0)
export GONGHUI_ENCRYPTION_KEY
# A database kept by an earlier run is brought to this binary's schema and kept year-ends before
# anything is measured (on a new one this finds nothing to do).
if (( sqlite_ok )) && ! step "SQLite · gonghui migrate" migrate-sqlite -- "$BIN" migrate --database "$DB"; then
  sqlite_ok=0
fi

pg_ok=0
if (( ! SKIP_PG )); then
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS bench_annual" -c "CREATE DATABASE bench_annual"
  if step "PostgreSQL · gonghui demo --members $N" demo-pg -- "$BIN" demo --members "$N" --database "$PGURL" \
    && step "PostgreSQL · VACUUM (ANALYZE)" vacuum -- "${PSQL[@]}" -d bench_annual -c "VACUUM (ANALYZE)"; then
    got=$("${PSQL[@]}" -d bench_annual -At -c 'SELECT count(*) FROM members')
    if [[ "$got" != "$N" ]]; then
      errors=$(( errors + 1 ))
      echo "  FAILED: the PostgreSQL database holds $got members, not $N" >&2
    else
      pg_ok=1
    fi
  fi
fi

# -- what the run is ----------------------------------------------------------------
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || commit+="+changes"
{
  tsv date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  tsv machine "$(nproc) cores (${cpu:-unknown CPU}), $mem GiB memory, $(uname -sr)"
  tsv versions "gonghui: repository at $commit, binary $BIN ($(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC'), sha256 $(sha256sum "$BIN" | cut -c1-12)); sqlite3 $(sqlite3 --version | awk '{ print $1 }'); $( (( SKIP_PG )) && echo 'PostgreSQL skipped' || echo "PostgreSQL $("$GONGHUI_PG_BIN/postgres" --version | awk '{ print $3 }') (fsync off)"); $("$PY" -c 'import sys, duckdb, pandas, pyarrow; print(f"Python {sys.version.split()[0]}, DuckDB {duckdb.__version__}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}")')"
  if (( sqlite_ok )); then
    tsv data "$(sqlite3 -readonly "$DB" "SELECT printf('Demo province %s: %,d members, %,d membership periods, %,d orgs of which %,d grassroots unions and federations, %,d collective contracts.', '$PROVINCE', (SELECT count(*) FROM members), (SELECT count(*) FROM member_periods), (SELECT count(*) FROM orgs), (SELECT count(*) FROM orgs WHERE kind IN ('grassroots', 'federation')), (SELECT count(*) FROM collective_contracts))") SQLite file $(du -m "$DB" | cut -f1) MiB; Parquet files $(du -cm "$DATA"/parquet/*.parquet | tail -n 1 | cut -f1) MiB, CSV files $(du -cm "$DATA"/csv/*.csv | tail -n 1 | cut -f1) MiB."
  fi
  tsv settings "Report as of $AS_OF: the province ($PROVINCE) with --depth all, and the county $COUNTY with --depth all. Runs per measurement: $REPEAT, interleaved; seconds are the median wall time of the whole process (start, read, compute, write the result file: gonghui's JSON, the baselines' Parquet), peak RSS the highest of the runs (GNU time; for PostgreSQL the client's, not the server's). The baselines run in Python, interpreter start and imports included, with the engines' default threads."
} >"$META"

# -- measurements ---------------------------------------------------------------------
banner "$N members: measurements ($REPEAT runs each, interleaved)"
O="$RUN/out"
for (( r = 1; r <= REPEAT; r++ )); do
  if (( sqlite_ok )); then
    measure report_sqlite "gonghui report annual --org $PROVINCE --depth all · SQLite" "$r" "$O/report-sqlite.json" -- \
      "$BIN" report annual --org "$PROVINCE" --as-of "$AS_OF" --depth all --format json --output "$O/report-sqlite.json" --database "$DB" || true
  fi
  if (( pg_ok )); then
    measure report_pg "gonghui report annual --org $PROVINCE --depth all · PostgreSQL" "$r" "$O/report-pg.json" -- \
      "$BIN" report annual --org "$PROVINCE" --as-of "$AS_OF" --depth all --format json --output "$O/report-pg.json" --database "$PGURL" || true
  fi
  if (( sqlite_ok )); then
    measure duckdb_parquet "DuckDB over Parquet (limit)" "$r" "$O/duckdb-parquet.parquet" -- \
      "$PY" Benchmarks/annual.py duckdb --data "$DATA" --source parquet --org "$PROVINCE" --as-of "$AS_OF" --output "$O/duckdb-parquet.parquet" || true
    measure duckdb_csv "DuckDB over CSV" "$r" "$O/duckdb-csv.parquet" -- \
      "$PY" Benchmarks/annual.py duckdb --data "$DATA" --source csv --org "$PROVINCE" --as-of "$AS_OF" --output "$O/duckdb-csv.parquet" || true
    measure pandas_parquet "pandas over Parquet" "$r" "$O/pandas-parquet.parquet" -- \
      "$PY" Benchmarks/annual.py pandas --data "$DATA" --org "$PROVINCE" --as-of "$AS_OF" --output "$O/pandas-parquet.parquet" || true
    measure county_sqlite "gonghui report annual --org $COUNTY --depth all · SQLite" "$r" "$O/county-sqlite.json" -- \
      "$BIN" report annual --org "$COUNTY" --as-of "$AS_OF" --depth all --format json --output "$O/county-sqlite.json" --database "$DB" || true
  fi
  if (( pg_ok )); then
    measure county_pg "gonghui report annual --org $COUNTY --depth all · PostgreSQL" "$r" "$O/county-pg.json" -- \
      "$BIN" report annual --org "$COUNTY" --as-of "$AS_OF" --depth all --format json --output "$O/county-pg.json" --database "$PGURL" || true
  fi
done

# -- the figures, against DuckDB's ---------------------------------------------------------
banner "figures compared with DuckDB's"
verify "gonghui · SQLite · $PROVINCE" "$O/report-sqlite.json"
verify "gonghui · PostgreSQL · $PROVINCE" "$O/report-pg.json"
verify "gonghui · SQLite · $COUNTY" "$O/county-sqlite.json"
verify "gonghui · PostgreSQL · $COUNTY" "$O/county-pg.json"
verify "DuckDB over CSV" "$O/duckdb-csv.parquet"
verify "pandas" "$O/pandas-parquet.parquet"

# -- report -----------------------------------------------------------------------------
banner "results ($(( (SECONDS - T0) / 60 )) min; logs in ${RUN#"$ROOT"/})"
"$PY" Benchmarks/annual.py table "$META" "$RESULTS" "$STEPS" "$CHECKS" "$RUN/results.md"
echo
if (( errors )); then
  # A run with gaps or wrong figures does not replace the last complete table.
  echo "$errors step(s), measurement(s) or comparison(s) failed; see the messages above." >&2
  echo "Table kept in ${RUN#"$ROOT"/}/results.md; Benchmarks/results-annual-latest.md left as it was." >&2
  exit 1
fi
if (( SKIP_PG )); then
  echo "PostgreSQL skipped: table kept in ${RUN#"$ROOT"/}/results.md; Benchmarks/results-annual-latest.md left as it was." >&2
  exit 0
fi
cp "$RUN/results.md" Benchmarks/results-annual-latest.md
echo "written to Benchmarks/results-annual-latest.md"
