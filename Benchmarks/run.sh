#!/usr/bin/env bash
# Benchmarks: import and member look-up, each against the limit measured in the
# same run on the same data. See Benchmarks/README.md.
#
# Usage: Benchmarks/run.sh [--members 1000000,10000000] [--skip-postgres]
#                          [--duration SECONDS] [--bin PATH] [--out DIR] [--keep]
#                          [--step-timeout SECONDS]
#   --members        member counts to measure, comma-separated (default 1000000,10000000)
#   --skip-postgres  SQLite and HTTP only
#   --duration       seconds of each wrk run (default 20)
#   --bin            use this gonghui binary instead of building `swift build -c release`
#   --out            working folder for data and logs (default bench-out/, ignored by git)
#   --keep           keep the generated CSV files and databases
#   --step-timeout   upper bound for any single generate/import step (default 7200)
#
# Prints one markdown table and writes it to Benchmarks/results-latest.md (only
# when every measurement was taken; each run also keeps it in its folder in --out).
# Exits non-zero when a measurement could not be taken; a missed target is
# reported as FAIL in the table but does not change the exit status.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ROOT=$(repo_root)
cd "$ROOT"

SIZES=1000000,10000000
SKIP_PG=0
DURATION=20
BIN=${GONGHUI_BIN:-}
OUT=$ROOT/bench-out
KEEP=0
STEP_TIMEOUT=7200

while (( $# )); do
  case "$1" in
    --members) SIZES=${2:?}; shift 2 ;;
    --members=*) SIZES=${1#*=}; shift ;;
    --skip-postgres) SKIP_PG=1; shift ;;
    --duration) DURATION=${2:?}; shift 2 ;;
    --bin) BIN=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --step-timeout) STEP_TIMEOUT=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown option: $1 (see Benchmarks/run.sh --help)" ;;
  esac
done
[[ "$SIZES" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--members takes numbers separated by commas, e.g. 1000000,10000000"
[[ "$DURATION" =~ ^[0-9]+$ ]] || die "--duration takes whole seconds"
IFS=, read -r -a SIZE_LIST <<<"$SIZES"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RUN="$OUT/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN/logs"
RESULTS="$RUN/results.tsv"
META="$RUN/meta.tsv"
: >"$RESULTS"
: >"$META"

SERVER_PID=""
errors=0
T0=$SECONDS

cleanup() {
  local status=$?
  stop_pid "$SERVER_PID" 15
  if [[ -n "${GONGHUI_PG_DIR:-}" ]]; then
    bash "$ROOT/scripts/pg-stop.sh" "$GONGHUI_PG_DIR" || true
  fi
  if (( ! KEEP )); then
    rm -rf "$RUN"/data-* 2>/dev/null || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1234567 -> 1,234,567
commas() {
  local s=$1 out=""
  while (( ${#s} > 3 )); do
    out=",${s: -3}$out"
    s=${s:0:${#s}-3}
  done
  echo "$s$out"
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# record SIZE KEY WHAT COUNT SECONDS RSS_KIB P50_US P99_US NON2XX STATUS
record() {
  local IFS=$'\t'
  echo "$*" >>"$RESULTS"
}

fail_step() {
  local size=$1 key=$2 what=$3 why=$4 log=${5:-}
  errors=$(( errors + 1 ))
  echo "  FAILED: $what: $why" >&2
  if [[ -n "$log" && -f "$log" ]]; then
    echo "  ---- last lines of $log ----" >&2
    tail -n 30 "$log" | sed 's/^/  /' >&2
  fi
  record "$size" "$key" "$what" - - - - - - "error: $why"
}

# measure SIZE KEY WHAT COUNT -- COMMAND...
# Wall time from here, peak RSS from GNU time (of COMMAND itself, not its server).
measure() {
  local size=$1 key=$2 what=$3 count=$4
  shift 5
  local log="$RUN/logs/$key-$size.log" tf="$RUN/logs/$key-$size.time" start end rc=0
  note "$what"
  start=$(now)
  timeout --kill-after=30 "$STEP_TIMEOUT" /usr/bin/time -v -o "$tf" "$@" >"$log" 2>&1 || rc=$?
  end=$(now)
  if (( rc != 0 )); then
    local why="exit $rc"
    (( rc == 124 )) && why="timed out after $STEP_TIMEOUT s"
    fail_step "$size" "$key" "$what" "$why" "$log"
    return 1
  fi
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tf")
  record "$size" "$key" "$what" "$count" "$(elapsed "$start" "$end")" "${rss:--}" - - - ok
  echo "  $(elapsed "$start" "$end") s, peak RSS $(( ${rss:-0} / 1024 )) MiB" >&2
}

# wrk_run SIZE KEY WHAT LOG -- WRK ARGS...   (records requests, seconds, p50, p99, non-2xx)
wrk_run() {
  local size=$1 key=$2 what=$3 log=$4 rc=0
  shift 5
  note "$what"
  timeout --kill-after=10 $(( DURATION + 60 )) wrk "$@" >"$log" 2>&1 || rc=$?
  local line
  line=$(grep '^BENCH ' "$log" | tail -n 1 || true)
  if (( rc != 0 )) || [[ -z "$line" ]]; then
    fail_step "$size" "$key" "$what" "wrk exit $rc" "$log"
    return 1
  fi
  local requests duration p50 p99 non2xx sockerr
  requests=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")
  duration=$(sed -E 's/.*duration_us=([0-9]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$line")
  non2xx=$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$line")
  sockerr=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$line")
  record "$size" "$key" "$what" "$requests" "$(awk -v d="$duration" 'BEGIN { printf "%.3f", d / 1e6 }')" \
    - "$p50" "$p99" "$non2xx" ok
  echo "  $requests requests, p50 ${p50} µs, p99 ${p99} µs, non-2xx $non2xx, socket errors $sockerr" >&2
}

# -- tools, binary, PostgreSQL ------------------------------------------------
banner "dependencies"
dep_args=(--no-python)
(( SKIP_PG )) && dep_args+=(--no-postgres)
bash scripts/ensure-deps.sh "${dep_args[@]}"

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
note "binary: $BIN"

# One key for every database of this run, so that the server can open what the
# import wrote.
export GONGHUI_ENCRYPTION_KEY=${GONGHUI_ENCRYPTION_KEY:-$(head -c 32 /dev/urandom | base64 -w0)}

PSQL=()
if (( ! SKIP_PG )); then
  banner "PostgreSQL"
  eval "$(bash scripts/pg-start.sh)"
  PSQL=(env "PGOPTIONS=-c client_min_messages=warning" "$GONGHUI_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$GONGHUI_PG_PORT" -U postgres)
fi

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || commit+="+changes"
{
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'machine\t%s cores (%s), %s GiB memory, %s\n' "$(nproc)" "${cpu:-unknown CPU}" "$mem" "$(uname -sr)"
  printf 'versions\tgonghui %s (release build); %s; sqlite3 %s; %s; wrk %s\n' \
    "$commit" "$(swift --version 2>&1 | grep -o 'Swift version [0-9.]*' | head -n 1 || echo 'Swift ?')" \
    "$(sqlite3 --version | awk '{ print $1 }')" \
    "$( (( SKIP_PG )) && echo 'PostgreSQL skipped' || echo "PostgreSQL $("$GONGHUI_PG_BIN/postgres" --version | awk '{ print $3 }') (fsync off)")" \
    "$(wrk --version 2>&1 | awk 'NR == 1 { print $2 }')"
  printf 'settings\twrk -t2 -c64 -d%ss against 127.0.0.1, after a 3 s warm-up; look-ups cycle through 10,000 ID numbers spread over members.csv\n' "$DURATION"
} >"$META"

# -- per size -----------------------------------------------------------------
for N in "${SIZE_LIST[@]}"; do
  label="$(commas "$N")"
  banner "$label members"
  DATA="$RUN/data-$N"
  mkdir -p "$DATA"

  if ! measure "$N" demo "$label · generate CSV (gonghui demo)" "$N" -- \
      "$BIN" demo --members "$N" --output-dir "$DATA" --seed 1; then
    continue
  fi
  if [[ ! -s "$DATA/members.csv" || ! -s "$DATA/orgs.csv" ]]; then
    fail_step "$N" demo-files "$label · demo CSV files" "orgs.csv or members.csv missing in $DATA"
    continue
  fi
  orgs=$(( $(wc -l <"$DATA/orgs.csv") - 1 ))
  rows=$(( $(wc -l <"$DATA/members.csv") - 1 ))
  cols=$(python3 Benchmarks/sample_ids.py "$DATA/members.csv" "$DATA/ids.txt" 10000)
  note "members.csv: $rows rows, $cols columns, $(du -h "$DATA/members.csv" | cut -f1); orgs.csv: $orgs rows; $(wc -l <"$DATA/ids.txt") ID numbers sampled"
  coldefs=$(for (( i = 1; i <= cols; i++ )); do printf 'c%d TEXT%s' "$i" "$( (( i < cols )) && echo ', ')"; done)

  # SQLite: gonghui import vs the sqlite3 shell's .import into a plain table.
  DB="$DATA/gonghui.sqlite"
  sqlite_ok=0
  if measure "$N" sqlite_orgs "$label · SQLite · gonghui import orgs" "$orgs" -- \
      "$BIN" import orgs "$DATA/orgs.csv" --database "$DB" \
    && measure "$N" sqlite_members "$label · SQLite · gonghui import members" "$rows" -- \
      "$BIN" import members "$DATA/members.csv" --database "$DB"; then
    sqlite_ok=1
  fi
  printf 'CREATE TABLE t(%s);\n.import --csv --skip 1 %s t\n' "$coldefs" "$DATA/members.csv" >"$DATA/limit.sql"
  if measure "$N" sqlite_limit "$label · SQLite · sqlite3 .import (limit)" "$rows" -- \
      sqlite3 -bail "$DATA/limit.sqlite" ".read $DATA/limit.sql"; then
    got=$(sqlite3 "$DATA/limit.sqlite" 'SELECT count(*) FROM t')
    [[ "$got" == "$rows" ]] || note "warning: sqlite3 .import loaded $got rows, members.csv has $rows lines"
  fi
  rm -f "$DATA/limit.sqlite"

  # PostgreSQL: gonghui import vs COPY (psql \copy) into a plain table.
  if (( ! SKIP_PG )); then
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS bench_gonghui" -c "CREATE DATABASE bench_gonghui" \
      -c "DROP DATABASE IF EXISTS bench_copy" -c "CREATE DATABASE bench_copy"
    PGURL="postgres://postgres@127.0.0.1:$GONGHUI_PG_PORT/bench_gonghui"
    measure "$N" pg_orgs "$label · PostgreSQL · gonghui import orgs" "$orgs" -- \
        "$BIN" import orgs "$DATA/orgs.csv" --database "$PGURL" \
      && measure "$N" pg_members "$label · PostgreSQL · gonghui import members" "$rows" -- \
        "$BIN" import members "$DATA/members.csv" --database "$PGURL" \
      || true
    "${PSQL[@]}" -d bench_copy -c "CREATE TABLE t($coldefs)"
    # HEADER skips the first line, and the UTF-8 BOM with it.
    measure "$N" pg_limit "$label · PostgreSQL · psql \\copy (limit)" "$rows" -- \
      "${PSQL[@]}" -d bench_copy -c "\\copy t FROM '$DATA/members.csv' WITH (FORMAT csv, HEADER true)" || true
    "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS bench_gonghui" -c "DROP DATABASE IF EXISTS bench_copy" || true
  fi

  # HTTP: member look-up vs the bare route, on the SQLite database just imported.
  if (( sqlite_ok )); then
    PORT=$(free_port 18081) || die "no free port from 18081"
    URL="http://127.0.0.1:$PORT"
    note "serving $DB on $URL"
    "$BIN" serve --database "$DB" --host 127.0.0.1 --port "$PORT" </dev/null >"$RUN/logs/serve-$N.log" 2>&1 &
    SERVER_PID=$!
    up=0
    wait_http "$URL/healthz" 600 "$SERVER_PID" && up=1
    TOKEN=""
    if (( up )); then
      # A database that only went through import has no users yet: add the province admin.
      "$BIN" user add admin --role system_admin --org HB --password 'Bench-2026!admin' --database "$DB" \
        </dev/null >>"$RUN/logs/token-$N.log" 2>&1 || true
      TOKEN=$("$BIN" user token admin --database "$DB" </dev/null 2>"$RUN/logs/token-$N.log" | tail -n 1 | tr -d '[:space:]') || true
    fi
    probe=""
    if [[ -n "$TOKEN" ]]; then
      probe=$(curl -s -o "$RUN/logs/probe-$N.json" -w '%{http_code}' --max-time 10 -X POST \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        --data "{\"idNumber\":\"$(head -n 1 "$DATA/ids.txt")\"}" "$URL/api/v1/members/lookup" || true)
    fi
    if (( ! up )); then
      fail_step "$N" http_lookup "$label · HTTP · POST /api/v1/members/lookup" "server did not answer /healthz" "$RUN/logs/serve-$N.log"
    elif [[ -z "$TOKEN" ]]; then
      fail_step "$N" http_lookup "$label · HTTP · POST /api/v1/members/lookup" "gonghui user token admin printed no token" "$RUN/logs/token-$N.log"
    elif [[ "$probe" != 200 ]]; then
      fail_step "$N" http_lookup "$label · HTTP · POST /api/v1/members/lookup" "a known ID number answered HTTP $probe, not 200" "$RUN/logs/probe-$N.json"
    else
      lookup_args=(-t2 -c64 --latency -s Benchmarks/lookup.lua "$URL" -- "$DATA/ids.txt" "$TOKEN")
      bare_args=(-t2 -c64 --latency -s Benchmarks/bare.lua "$URL/healthz")
      note "warm-up (3 s each)"
      timeout 60 wrk -d3s "${lookup_args[@]}" >/dev/null 2>&1 || true
      timeout 60 wrk -d3s "${bare_args[@]}" >/dev/null 2>&1 || true
      wrk_run "$N" http_bare "$label · HTTP · GET /healthz, bare route (limit)" "$RUN/logs/wrk-bare-$N.log" -- \
        -d"${DURATION}s" "${bare_args[@]}" || true
      wrk_run "$N" http_lookup "$label · HTTP · POST /api/v1/members/lookup" "$RUN/logs/wrk-lookup-$N.log" -- \
        -d"${DURATION}s" "${lookup_args[@]}" || true
    fi
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
      record "$N" server_hwm "$label · HTTP · server peak RSS (VmHWM) after the runs" - - "${hwm:--}" - - - ok
    else
      fail_step "$N" server_hwm "$label · HTTP · server peak RSS" "the server had exited" "$RUN/logs/serve-$N.log"
    fi
    stop_pid "$SERVER_PID" 15
    SERVER_PID=""
  fi

  (( KEEP )) || rm -rf "$DATA"
done

# -- report ---------------------------------------------------------------------
banner "results ($(( (SECONDS - T0) / 60 )) min; logs in ${RUN#"$ROOT"/})"
python3 Benchmarks/report.py "$META" "$RESULTS" "$RUN/results.md"
echo
if (( errors )); then
  # A run with gaps does not replace the last complete table.
  echo "$errors measurement(s) could not be taken; see the logs above." >&2
  echo "Table kept in ${RUN#"$ROOT"/}/results.md; Benchmarks/results-latest.md left as it was." >&2
  exit 1
fi
cp "$RUN/results.md" Benchmarks/results-latest.md
echo "written to Benchmarks/results-latest.md"
