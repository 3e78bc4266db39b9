#!/usr/bin/env bash
# Benchmark: a nation on PostgreSQL distributed by province (`gonghui nation`): six demo provinces
# on a coordinator and two shards (scripts/nation-up.sh), each measured against a baseline taken
# in the same run on the same data, figures checked equal:
#   - import: the six provinces' members imported at once through the coordinator, against
#     psql `\copy` of the same six files at once into a plain table of one PostgreSQL instance;
#   - the national annual report (the six province rows) against DuckDB over the same CSV files;
#   - a member look-up by ID number (its keyed hash) through the coordinator, against the same
#     look-up on one instance holding the same members;
#   - moving one province to the other shard, against `\copy` out of one shard and into the other
#     of the same tables.
# See Benchmarks/README.md ("A nation on PostgreSQL").
#
# Usage: Benchmarks/nation.sh [--members-per-province N] [--as-of YYYY-MM-DD] [--repeat K]
#                             [--lookup-seconds S] [--clients C] [--bin PATH] [--out DIR]
#                             [--keep] [--reuse] [--step-timeout SECONDS]
#   --members-per-province  members of each of the six demo provinces (default 200000: 1,200,000
#                           in all; the issue's 30,000,000 is --members-per-province 5000000)
#   --as-of                 the year-end of the annual report (default the last 31 December in
#                           China's time, a year-end the platform keeps as a snapshot); the report
#                           is also run as of yesterday, which reads the shards' periods
#   --repeat                runs of each report and of DuckDB, interleaved; the median is shown
#                           (default 3)
#   --lookup-seconds        seconds of each pgbench look-up run (default 10)
#   --clients               pgbench clients (default 4)
#   --bin                   use this gonghui binary instead of `swift build -c release --product gonghui`
#   --out                   working folder for data and logs (default bench-out/, ignored by git)
#   --keep                  keep the six provinces' CSV files in OUT/nation-data-N
#   --reuse                 use the CSV files --keep left for the same N instead of generating them
#   --step-timeout          upper bound for any single step (default 7200)
#
# Prints one markdown table and writes it to Benchmarks/results-nation-latest.md when every
# measurement was taken (each run also keeps it, with its logs, in OUT/nation-…/). A figure that
# differs shows as "no" in the table. Exits non-zero only when a measurement could not be taken.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ROOT=$(repo_root)
cd "$ROOT"

ARGS=("$@")
N=200000
AS_OF=""
REPEAT=3
LOOKUP_SECONDS=10
CLIENTS=4
BIN=${GONGHUI_BIN:-}
OUT=$ROOT/bench-out
KEEP=0
REUSE=0
STEP_TIMEOUT=7200
INNER=""          # set by the script itself when it runs under scripts/nation-up.sh

while (( $# )); do
  case "$1" in
    --members-per-province) N=${2:?}; shift 2 ;;
    --members-per-province=*) N=${1#*=}; shift ;;
    --as-of) AS_OF=${2:?}; shift 2 ;;
    --repeat) REPEAT=${2:?}; shift 2 ;;
    --lookup-seconds) LOOKUP_SECONDS=${2:?}; shift 2 ;;
    --clients) CLIENTS=${2:?}; shift 2 ;;
    --bin) BIN=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --reuse) REUSE=1; shift ;;
    --step-timeout) STEP_TIMEOUT=${2:?}; shift 2 ;;
    --inner) INNER=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) die "unknown option: $1 (see Benchmarks/nation.sh --help)" ;;
  esac
done
for v in N REPEAT LOOKUP_SECONDS CLIENTS; do
  { [[ "${!v}" =~ ^[0-9]+$ ]] && (( ${!v} > 0 )); } || die "${v,,} takes a positive number"
done
(( N >= 1000 )) || die "--members-per-province takes at least 1000"
[[ "$STEP_TIMEOUT" =~ ^[0-9]+$ ]] || die "--step-timeout takes whole seconds"
[[ -n "$AS_OF" ]] || AS_OF="$(( $(TZ=Asia/Shanghai date +%Y) - 1 ))-12-31"
[[ "$AS_OF" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ && "$(date -d "$AS_OF" +%F 2>/dev/null)" == "$AS_OF" ]] || die "--as-of takes a day, YYYY-MM-DD"

PROVINCES=(P1 P2 P3 P4 P5 P6)
ASSIGN="P1=1,P2=1,P3=1,P4=2,P5=2,P6=2"
MOVE=P1             # moved from shard 1 to shard 2
MOVE_TO=2

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
DATA="$OUT/nation-data-$N"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
tsv() { local IFS=$'\t'; echo "$*"; }
# 1234567 -> 1,234,567
commas() { local s=$1 out=""; while (( ${#s} > 3 )); do out=",${s: -3}$out"; s=${s:0:${#s}-3}; done; echo "$s$out"; }

# ====================================================================================
# Outside: tools, binary, data; then this script again under scripts/nation-up.sh.
# ====================================================================================
if [[ -z "$INNER" ]]; then
  RUN="$OUT/nation-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$RUN/logs" "$RUN/out"
  : >"$RUN/results.tsv"; : >"$RUN/checks.tsv"; : >"$RUN/steps.tsv"; : >"$RUN/meta.tsv"
  cleanup() {
    local status=$?
    if (( ! KEEP )) && [[ -d "$DATA" && -f "$DATA/.built-by-this-run-$$" ]]; then rm -rf "$DATA"; fi
    rm -f "$DATA/.built-by-this-run-$$" 2>/dev/null || true
    exit "$status"
  }
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  banner "dependencies"
  bash scripts/ensure-deps.sh --no-python --no-wrk --no-browser
  command -v pgbench >/dev/null 2>&1 || [[ -x "$(pg_bindir)/pgbench" ]] || die "pgbench is missing (Debian: postgresql-client)"
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    (( EUID == 0 )) || die "python3-venv is missing; install it: apt-get install python3-venv"
    note "installing python3-venv"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -qq update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -y -qq install --no-install-recommends python3-venv >/dev/null
  fi
  # The venv and pins of annual.sh (git ignores .venv-bench/): DuckDB, and numpy for the data.
  VENV="$ROOT/.venv-bench"
  venv_install "$VENV" "$ROOT/Benchmarks/requirements-annual.txt" .requirements-stamp "$RUN/logs/pip.log" "$VENV/bin/python" -c 'import duckdb, numpy'
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

  banner "data: six provinces of $N members"
  if (( REUSE )) && [[ "$(cat "$DATA/ready" 2>/dev/null)" == "$N" && -s "$DATA/provinces.json" ]]; then
    note "reusing the provinces' files in ${DATA#"$ROOT"/}"
    tsv "six provinces' CSV files: reused from ${DATA#"$ROOT"/}" 0 ok >>"$RUN/steps.tsv"
  else
    (( REUSE )) && note "nothing to reuse in ${DATA#"$ROOT"/}; generating"
    rm -rf "$DATA"
    mkdir -p "$DATA/demo"
    touch "$DATA/.built-by-this-run-$$"
    start=$(now)
    for i in 1 2 3 4 5 6; do
      note "gonghui demo --members $N --seed $i"
      timeout --kill-after=30 "$STEP_TIMEOUT" "$BIN" demo --members "$N" --output-dir "$DATA/demo/$i" --seed "$i" \
        >"$RUN/logs/demo-$i.log" 2>&1 || { tail -n 30 "$RUN/logs/demo-$i.log" >&2; die "gonghui demo failed (seed $i)"; }
    done
    tsv "gonghui demo --members $N --output-dir, seeds 1–6, one after another" "$(elapsed "$start" "$(now)")" ok >>"$RUN/steps.tsv"
    start=$(now)
    "$PY" Benchmarks/nation.py provinces --demo "$DATA"/demo/{1,2,3,4,5,6} --out "$DATA" 2>"$RUN/logs/provinces.log" \
      || { cat "$RUN/logs/provinces.log" >&2; die "the provinces could not be written"; }
    sed 's/^/  /' "$RUN/logs/provinces.log" >&2
    tsv "six provinces P1–P6 from them (nation.py provinces)" "$(elapsed "$start" "$(now)")" ok >>"$RUN/steps.tsv"
    rm -rf "$DATA/demo"
    echo "$N" >"$DATA/ready"
  fi

  banner "a coordinator and two shards (scripts/nation-up.sh)"
  rc=0
  bash scripts/nation-up.sh bash "$ROOT/Benchmarks/nation.sh" "${ARGS[@]}" --bin "$BIN" --inner "$RUN" || rc=$?
  exit "$rc"
fi

# ====================================================================================
# Inside scripts/nation-up.sh: the measurements.
# ====================================================================================
RUN=$INNER
RESULTS="$RUN/results.tsv"   # key what run count seconds rss_kib status
CHECKS="$RUN/checks.tsv"     # key label detail status
STEPS="$RUN/steps.tsv"       # what seconds status
META="$RUN/meta.tsv"
O="$RUN/out"
PY="$ROOT/.venv-bench/bin/python"
errors=0
T0=$SECONDS

# What nation-up.sh exported, taken into the script's own variables: the binary is not given them.
COORD=${GONGHUI_NATION_COORDINATOR:?not run by scripts/nation-up.sh}
read -r -a SHARDS <<<"${GONGHUI_NATION_SHARDS:?}"
PGBIN=${GONGHUI_NATION_PG_BIN:?}
unset GONGHUI_NATION_COORDINATOR GONGHUI_NATION_SHARDS GONGHUI_NATION_PG_BIN GONGHUI_NATION_DIRS GONGHUI_NATION_PORT
(( ${#SHARDS[@]} == 2 )) || die "expected two shards, got: ${SHARDS[*]}"

SINGLE_DIR=""
TABLES=()
cleanup() {
  local status=$?
  [[ -n "$SINGLE_DIR" ]] && bash "$ROOT/scripts/pg-stop.sh" "$SINGLE_DIR" >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One key for every database of the run: the same ID number has the same keyed hash everywhere.
head -c 32 /dev/urandom | base64 -w0 >"$RUN/key"
chmod 600 "$RUN/key"
export GONGHUI_ENCRYPTION_KEY; GONGHUI_ENCRYPTION_KEY=$(cat "$RUN/key")

psql_() { env "PGOPTIONS=-c client_min_messages=warning" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
q() { psql_ -At -d "$1" -c "$2"; }    # q URL SQL: the result, unaligned
url_db() { local u=$1; echo "${u%/*}/$2"; }   # the same server, database $2
# host, port and database of a postgres://user@host:port/db URL, for pgbench
url_parts() { [[ "$1" =~ ^postgres://([^@/]+)@([^:/]+):([0-9]+)/([^/?]+)$ ]] || die "unexpected URL: $1"; echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]} ${BASH_REMATCH[4]}"; }

# step WHAT LOGNAME -- COMMAND...   (timed for the record, not compared)
step() {
  local what=$1 name=$2 rc=0 start
  shift 3
  note "$what"
  start=$(now)
  timeout --kill-after=30 "$STEP_TIMEOUT" "$@" >"$RUN/logs/$name.log" 2>&1 || rc=$?
  if (( rc != 0 )); then
    errors=$(( errors + 1 ))
    tsv "$what" - "error: $( (( rc == 124 )) && echo "timed out" || echo "exit $rc")" >>"$STEPS"
    echo "  FAILED: $what (exit $rc)" >&2
    tail -n 30 "$RUN/logs/$name.log" | sed 's/^/  /' >&2
    return 1
  fi
  tsv "$what" "$(elapsed "$start" "$(now)")" ok >>"$STEPS"
  echo "  $(elapsed "$start" "$(now)") s" >&2
}

# measure KEY WHAT RUN COUNT -- COMMAND...
# Wall time of the whole command; peak RSS from GNU time (of a group script: its largest process).
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
    tsv "$key" "$what" "$run" - - - "error: $why" >>"$RESULTS"
    echo "  FAILED: $what (run $run): $why" >&2
    tail -n 40 "$log" | sed 's/^/  /' >&2
    return 1
  fi
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tf")
  tsv "$key" "$what" "$run" "$count" "$(elapsed "$start" "$end")" "${rss:--}" ok >>"$RESULTS"
  printf '  %8.3f s, peak RSS %5d MiB\n' "$(elapsed "$start" "$end")" $(( ${rss:-0} / 1024 )) >&2
}

# A record of a measurement taken some other way (pgbench's own clock).
record() { tsv "$@" >>"$RESULTS"; }
fail_measure() {   # KEY WHAT WHY
  errors=$(( errors + 1 ))
  tsv "$1" "$2" 1 - - - "error: $3" >>"$RESULTS"
  echo "  FAILED: $2: $3" >&2
}
check() {          # KEY LABEL DETAIL yes|no
  "$PY" Benchmarks/nation.py check --checks "$CHECKS" --key "$1" --label "$2" --detail "$3" --ok "$4"
  [[ "$4" == yes ]] || echo "  MISMATCH: $2: $3" >&2
}

# group FILE NAME -- COMMAND... : adds COMMAND to the group script FILE (all run at once, each
# with its output in logs/NAME.log; the script fails when one does, showing its log's end).
group() {
  local file=$1 name=$2
  shift 3
  if [[ ! -s "$file" ]]; then
    printf '#!/usr/bin/env bash\nset -u\npids=(); names=()\nrun() { local n=$1; shift; "$@" >%q/logs/"$n".log 2>&1 & pids+=($!); names+=("$n"); }\n' "$RUN" >"$file"
  fi
  printf 'run %q' "$name" >>"$file"
  printf ' %q' "$@" >>"$file"
  printf '\n' >>"$file"
}
group_end() {
  printf 'rc=0\nfor i in "${!pids[@]}"; do\n  if ! wait "${pids[$i]}"; then rc=1; echo "${names[$i]} failed:"; tail -n 20 %q/logs/"${names[$i]}".log; fi\ndone\nexit $rc\n' "$RUN" >>"$1"
}

members_in() { "$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["members"] if len(sys.argv) < 3 else next(p["members"] for p in d["provinces"] if p["code"] == sys.argv[2]))' "$DATA/provinces.json" "$@"; }
TOTAL=$(members_in)
TODAY=$(TZ=Asia/Shanghai date +%F)                    # the importer's day (China's time)
YESTERDAY=$(TZ=Asia/Shanghai date -d "$TODAY - 1 day" +%F)

# -- one instance for the baselines ---------------------------------------------------
banner "one PostgreSQL instance for the baselines (scripts/pg-start.sh)"
single_out=$(bash scripts/pg-start.sh) || die "could not start the single instance"
SINGLE_DIR=$(sed -n "s/^export GONGHUI_PG_DIR='\(.*\)'$/\1/p" <<<"$single_out")
SINGLE_ADMIN=$(sed -n "s/^export GONGHUI_TEST_POSTGRES_URL='\(.*\)'$/\1/p" <<<"$single_out")
SINGLE=$(url_db "$SINGLE_ADMIN" bench_single)   # gonghui's database on one instance
COPYDB=$(url_db "$SINGLE_ADMIN" bench_copy)     # the plain table psql \copy loads
psql_ -d "$SINGLE_ADMIN" -c "CREATE DATABASE bench_single" -c "CREATE DATABASE bench_copy"

# -- the nation: laid out, orgs, members --------------------------------------------------
banner "import: $TOTAL members of six provinces"
step "gonghui nation init (coordinator, two shards, $ASSIGN)" nation-init -- \
  "$BIN" nation init --coordinator "$COORD" --shard "${SHARDS[0]}" --shard "${SHARDS[1]}" --assign "$ASSIGN" \
  || die "gonghui nation init failed; nothing else can be measured"
nation_ok=1
for p in "${PROVINCES[@]}"; do
  if ! step "coordinator · gonghui import orgs $p/orgs.csv" "orgs-nation-$p" -- "$BIN" import orgs "$DATA/$p/orgs.csv" --database "$COORD"; then
    nation_ok=0; break
  fi
done
placed=$(q "$COORD" "SELECT count(*) FROM nation_provinces WHERE province_id IS NOT NULL" 2>&1 || true)
[[ "$placed" == 6 ]] || { nation_ok=0; errors=$(( errors + 1 )); echo "  FAILED: provinces placed on their shards after the orgs import: $placed, not 6" >&2; }

for p in "${PROVINCES[@]}"; do
  group "$RUN/import-nation.sh" "members-nation-$p" -- "$BIN" import members "$DATA/$p/members.csv" --database "$COORD"
  # One instance: one file after another. At once they would queue behind the first anyway (a
  # load into an empty registry holds the members table's lock until it commits), and one that
  # found the registry empty before that lock was taken gives up on seeing the first's rows
  # (MemberImporter: registry_changed).
  { [[ -s "$RUN/import-single.sh" ]] || echo 'set -e'
    printf '%q import members %q --database %q\n' "$BIN" "$DATA/$p/members.csv" "$SINGLE"; } >>"$RUN/import-single.sh"
  group "$RUN/import-copy.sh" "copy-$p" -- env "PGOPTIONS=-c client_min_messages=warning" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$COPYDB" \
    -c "\\copy t FROM '$DATA/$p/members.csv' WITH (FORMAT csv, HEADER true)"
done
for g in import-nation import-copy; do group_end "$RUN/$g.sh"; done

# counts_ok KEY LABEL URL: members per province through URL against the files' rows
counts_ok() {
  local key=$1 label=$2 url=$3 got want detail ok=yes
  got=$(q "$url" "SELECT o.code || '=' || c.n FROM (SELECT province_id, count(*) AS n FROM members GROUP BY province_id) c JOIN orgs o ON o.id = c.province_id ORDER BY o.code" 2>&1 | paste -sd' ' || true)
  want=$(for p in "${PROVINCES[@]}"; do printf '%s=%s ' "$p" "$(members_in "$p")"; done); want=${want% }
  [[ "$got" == "$want" ]] || ok=no
  detail="members per province in the database: $got"
  [[ "$ok" == yes ]] || detail+="; the files: $want"
  check "$key" "$label" "$detail" "$ok"
}

day_before=$TODAY
if (( nation_ok )) && measure import_nation "nation · 6 × gonghui import members at once through the coordinator" 1 "$TOTAL" -- bash "$RUN/import-nation.sh"; then
  counts_ok import_nation "import through the coordinator" "$COORD"
else
  (( nation_ok )) || fail_measure import_nation "nation · 6 × gonghui import members at once through the coordinator" "not run: the nation was not laid out"
  nation_ok=0
fi
for p in "${PROVINCES[@]}"; do
  step "one instance · gonghui import orgs $p/orgs.csv" "orgs-single-$p" -- "$BIN" import orgs "$DATA/$p/orgs.csv" --database "$SINGLE" || true
done
single_ok=0
if measure import_single "one instance · 6 × gonghui import members one after another (for comparison)" 1 "$TOTAL" -- bash "$RUN/import-single.sh"; then
  single_ok=1
  counts_ok import_single "import into one instance" "$SINGLE"
fi
psql_ -d "$COPYDB" -c "CREATE TABLE t ($(printf 'c%d TEXT, ' {1..10})c11 TEXT)"
if measure import_copy "one instance · 6 × psql \\copy of the same files at once into a plain table (baseline)" 1 "$TOTAL" -- bash "$RUN/import-copy.sh"; then
  got=$(q "$COPYDB" "SELECT count(*) FROM t")
  check import_copy "psql \\copy" "$got rows loaded, the files hold $TOTAL" "$( [[ "$got" == "$TOTAL" ]] && echo yes || echo no)"
fi
psql_ -d "$COPYDB" -c "DROP TABLE t"
[[ "$(TZ=Asia/Shanghai date +%F)" == "$day_before" ]] || die "the day changed in China during the import ($day_before → $(TZ=Asia/Shanghai date +%F)); what 'good standing' means depends on it: run again"

# As autovacuum would leave loaded databases (the coordinator's statistics of its foreign
# partitions are sampled from the shards).
if (( nation_ok )); then
  step "nation · VACUUM (ANALYZE) on shard 1" vacuum-shard1 -- env "PGOPTIONS=-c client_min_messages=warning" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d "${SHARDS[0]}" -c "VACUUM (ANALYZE)" || true
  step "nation · VACUUM (ANALYZE) on shard 2" vacuum-shard2 -- env "PGOPTIONS=-c client_min_messages=warning" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d "${SHARDS[1]}" -c "VACUUM (ANALYZE)" || true
  step "nation · VACUUM (ANALYZE) on the coordinator" vacuum-coordinator -- env "PGOPTIONS=-c client_min_messages=warning" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$COORD" -c "VACUUM (ANALYZE)" || true
fi
(( single_ok )) && { step "one instance · VACUUM (ANALYZE)" vacuum-single -- env "PGOPTIONS=-c client_min_messages=warning" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$SINGLE" -c "VACUUM (ANALYZE)" || true; }

# -- the national annual report ---------------------------------------------------------------
banner "the national annual report: the six provinces as of $AS_OF and as of $YESTERDAY ($REPEAT runs each, interleaved)"
report_group() {   # FILE URL DATE PREFIX: the six reports at once
  local file=$1 url=$2 day=$3 prefix=$4 p
  rm -f "$file"
  for p in "${PROVINCES[@]}"; do
    group "$file" "$prefix-$p" -- "$BIN" report annual --org "$p" --as-of "$day" --depth 0 --format json --output "$O/$prefix-$p.json" --database "$url"
  done
  group_end "$file"
}
for tag in ye day; do
  day=$AS_OF; [[ "$tag" == day ]] && day=$YESTERDAY
  report_group "$RUN/report-$tag-nation.sh" "$COORD" "$day" "report-$tag-nation"
  report_group "$RUN/report-$tag-single.sh" "$SINGLE" "$day" "report-$tag-single"
  for (( r = 1; r <= REPEAT; r++ )); do
    (( nation_ok )) && { measure "report_${tag}_nation" "nation · 6 × gonghui report annual --org P1…P6 --as-of $day at once through the coordinator" "$r" 6 -- bash "$RUN/report-$tag-nation.sh" || true; }
    measure "duckdb_$tag" "DuckDB over the 12 CSV files · the six province rows as of $day (baseline)" "$r" 6 -- \
      "$PY" Benchmarks/nation.py duckdb --data "$DATA" --as-of "$day" --today "$TODAY" --output "$O/duckdb-$tag.json" || true
    (( single_ok )) && { measure "report_${tag}_single" "one instance · the same 6 reports as of $day at once (for comparison)" "$r" 6 -- bash "$RUN/report-$tag-single.sh" || true; }
  done
  if [[ -s "$O/duckdb-$tag.json" ]]; then
    for side in nation single; do
      [[ "$side" == nation ]] && (( ! nation_ok )) && continue
      [[ "$side" == single ]] && (( ! single_ok )) && continue
      "$PY" Benchmarks/nation.py verify --expected "$O/duckdb-$tag.json" --checks "$CHECKS" --key "report_${tag}_$side" \
        --label "report as of $day · $( [[ $side == nation ]] && echo "through the coordinator" || echo "one instance") against DuckDB" \
        "$O/report-$tag-$side"-P{1,2,3,4,5,6}.json || echo "  MISMATCH: the $side report as of $day differs from DuckDB (see above)" >&2
    done
  fi
done

# -- the look-up by ID number -------------------------------------------------------------
banner "look-up by ID number: pgbench, $LOOKUP_SECONDS s, $CLIENTS clients, on the coordinator and on one instance"
# MemberService.lookup's statement (Rows.memberSelect by the keyed hash, the whole registry in
# scope), the hash a bound parameter (-M extended), picked at random from 1,000 sampled ones.
SELECT_MEMBER="SELECT m.id, m.province_id, m.org_id, o.code AS org_code, o.name AS org_name, o.path AS org_path, m.name, m.id_masked,
       m.gender, m.birth_date, m.phone_masked, m.ethnicity, m.education, m.skill_level, m.household_type,
       m.is_migrant, m.employment_type, m.political_status, m.workplace, m.card_number, m.joined_on,
       m.status, m.status_since, m.version
FROM members m JOIN orgs o ON o.id = m.org_id"
SCOPE="o.path >= '/' AND o.path < '0'"
lookup_ok=0
if (( nation_ok && single_ok )); then
  # 1,000 hashes spread over the members (a sample of pages, then a hash order), taken from the
  # single instance, where the same key made the same hashes.
  pct=$(awk -v n="$TOTAL" 'BEGIN { p = 100 * 20000 / n; if (p > 100) p = 100; printf "%.4f", p }')
  q "$SINGLE" "SELECT id_hash FROM members TABLESAMPLE SYSTEM ($pct) REPEATABLE (7) ORDER BY md5(id_hash) LIMIT 1000" >"$O/hashes.txt"
  nh=$(wc -l <"$O/hashes.txt")
  if [[ "$nh" != 1000 ]]; then
    fail_measure lookup_nation "nation · look-up by ID number" "sampled $nh hashes, not 1000"
  else
    awk '{ print NR "\t" $0 }' "$O/hashes.txt" >"$O/hashes.tsv"
    for u in "$COORD" "$SINGLE"; do
      psql_ -d "$u" -c "DROP TABLE IF EXISTS bench_lookup" -c "CREATE TABLE bench_lookup (i INT PRIMARY KEY, h TEXT NOT NULL)" \
        -c "\\copy bench_lookup FROM '$O/hashes.tsv'"
    done
    # The same 1,000 look-ups answered the same on both (ids aside: each database numbers its own).
    awk -v sel="$(printf '%s' "SELECT o.code, m.name, m.id_masked, m.gender, m.birth_date, m.joined_on, m.status, m.employment_type, m.is_migrant FROM members m JOIN orgs o ON o.id = m.org_id")" \
      -v scope="$SCOPE" '{ printf "%s WHERE m.id_hash = '\''%s'\'' AND %s;\n", sel, $0, scope }' "$O/hashes.txt" >"$O/lookups.sql"
    psql_ -At -d "$COORD" -f "$O/lookups.sql" >"$O/lookups-nation.txt" 2>"$RUN/logs/lookups-nation.log" || true
    psql_ -At -d "$SINGLE" -f "$O/lookups.sql" >"$O/lookups-single.txt" 2>"$RUN/logs/lookups-single.log" || true
    a=$(wc -l <"$O/lookups-nation.txt"); b=$(wc -l <"$O/lookups-single.txt")
    if [[ "$a" == 1000 && "$b" == 1000 ]] && cmp -s "$O/lookups-nation.txt" "$O/lookups-single.txt"; then
      check lookup_nation "look-ups" "the 1,000 sampled hashes each find one member through the coordinator and on one instance, the same (union, name, masked ID number, gender, birth date, joined, status, employment, migrant)" yes
    else
      check lookup_nation "look-ups" "through the coordinator $a answers, on one instance $b; $(cmp "$O/lookups-nation.txt" "$O/lookups-single.txt" 2>&1 | head -n 1)" no
    fi
    { echo '\set i random(1, 1000)'; echo 'SELECT h FROM bench_lookup WHERE i = :i \gset'; echo "$SELECT_MEMBER WHERE m.id_hash = :h AND $SCOPE;"; } >"$RUN/lookup.pgbench"
    lookup() {   # KEY WHAT URL
      local key=$1 what=$2 user host port db log="$RUN/logs/$1.log" parts
      read -r user host port db <<<"$(url_parts "$3")"
      note "$what"
      # 2 s of warm-up, then the measured run.
      "$PGBIN/pgbench" -n -M extended -c "$CLIENTS" -j 2 -T 2 -f "$RUN/lookup.pgbench" -h "$host" -p "$port" -U "$user" "$db" >"$RUN/logs/$key-warmup.log" 2>&1 || true
      if ! timeout --kill-after=30 "$STEP_TIMEOUT" "$PGBIN/pgbench" -n -M extended -c "$CLIENTS" -j 2 -T "$LOOKUP_SECONDS" -f "$RUN/lookup.pgbench" \
           -h "$host" -p "$port" -U "$user" "$db" >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        fail_measure "$key" "$what" "pgbench failed"
        return 1
      fi
      if ! parts=$("$PY" Benchmarks/nation.py pgbench "$log"); then
        fail_measure "$key" "$what" "no pgbench summary"
        return 1
      fi
      local n s lat failed
      IFS=$'\t' read -r n s lat failed <<<"$parts"
      (( failed == 0 )) || { fail_measure "$key" "$what" "$failed look-ups failed"; return 1; }
      record "$key" "$what" 1 "$n" "$s" - ok
      echo "$lat" >"$RUN/$key.latency"
      printf '  %d look-ups, %s ms mean latency\n' "$n" "$lat" >&2
    }
    lookup lookup_nation "nation · look-up by ID number through the coordinator (pgbench, $CLIENTS clients)" "$COORD" && lookup_ok=1
    lookup lookup_single "one instance · the same look-up (baseline)" "$SINGLE" || lookup_ok=0
  fi
else
  fail_measure lookup_nation "nation · look-up by ID number" "not run: an import failed"
fi

# -- moving a province ---------------------------------------------------------------------------
banner "moving $MOVE from shard 1 to shard $MOVE_TO"
if (( nation_ok )); then
  code=${MOVE,,}
  S_FROM=${SHARDS[0]}; S_TO=${SHARDS[$(( MOVE_TO - 1 ))]}
  mapfile -t TABLES < <(q "$COORD" "SELECT name FROM nation_tables ORDER BY position")
  move_rows=0
  for t in "${TABLES[@]}"; do move_rows=$(( move_rows + $(q "$S_FROM" "SELECT count(*) FROM ${t}_$code") )); done
  # The baseline: the same tables made on the target the way the move makes them (the shard DDL
  # nation init recorded, indexes included), then each copied by psql \copy out of the source
  # shard and into the target, table after table.
  {
    echo 'set -eo pipefail'
    printf 'P() { env PGOPTIONS="-c client_min_messages=warning" %q -X -q -v ON_ERROR_STOP=1 "$@"; }\n' "$PGBIN/psql"
    for t in "${TABLES[@]}"; do
      q "$COORD" "SELECT shard_ddl FROM nation_tables WHERE name = '$t'" \
        | sed "s/{{t}}/bench_move_$t/g; s/{{s}}/bench/g" >"$RUN/ddl-$t.sql"
      printf 'P -d %q -f %q\n' "$S_TO" "$RUN/ddl-$t.sql"
      printf 'P -d %q -c %q | P -d %q -c %q\n' "$S_FROM" "\\copy (SELECT * FROM ${t}_$code) TO PSTDOUT" "$S_TO" "\\copy bench_move_$t FROM PSTDIN"
    done
  } >"$RUN/move-copy.sh"
  # Rows and checksum of a shard's table, as the move computes them (Nation.checksum).
  sums() {   # URL TABLE
    q "$1" "SELECT COUNT(*) || ' ' || COALESCE(SUM(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint::numeric), 0)::text FROM public.$2 t"
  }
  if measure move_copy "shard 1 → shard $MOVE_TO · psql \\copy out and in of the same tables (baseline)" 1 "$move_rows" -- bash "$RUN/move-copy.sh"; then
    for t in "${TABLES[@]}"; do printf '%s\t%s\n' "$t" "$(sums "$S_TO" "bench_move_$t")"; done >"$O/move-copy.tsv"
  fi
  for t in "${TABLES[@]}"; do psql_ -d "$S_TO" -c "DROP TABLE IF EXISTS bench_move_$t"; done
  before=$(q "$COORD" "SELECT count(*) FROM members WHERE province_id = (SELECT province_id FROM nation_provinces WHERE code = '$MOVE')")
  if measure move_nation "nation · gonghui nation move-province $MOVE --to $MOVE_TO" 1 "$move_rows" -- \
       "$BIN" nation move-province "$MOVE" --to "$MOVE_TO" --coordinator "$COORD"; then
    # What the move reports per table ("  members<TAB>200000 行<TAB>校验和 123") against the copy's.
    awk -F'\t' '/^  [a-z_]+\t/ { sub(/^  /, "", $1); sub(/ 行$/, "", $2); sub(/^校验和 /, "", $3); print $1 "\t" $2 " " $3 }' \
      "$RUN/logs/move_nation-1.log" >"$O/move-nation.tsv"
    if [[ -s "$O/move-copy.tsv" ]] && cmp -s "$O/move-nation.tsv" "$O/move-copy.tsv"; then
      check move_nation "move" "every table's rows and checksum as the move reports them equal those of the baseline's copy ($move_rows rows in ${#TABLES[@]} tables)" yes
    else
      check move_nation "move" "the move's rows and checksums per table differ from the baseline's copy: $(diff <(cat "$O/move-nation.tsv") <(cat "$O/move-copy.tsv" 2>/dev/null) | head -n 4 | paste -sd' ')" no
    fi
    after=$(q "$COORD" "SELECT count(*) FROM members WHERE province_id = (SELECT province_id FROM nation_provinces WHERE code = '$MOVE')")
    shard=$(q "$COORD" "SELECT shard FROM nation_provinces WHERE code = '$MOVE'")
    left=$(q "$S_FROM" "SELECT count(*) FROM pg_tables WHERE tablename LIKE '%\\_$code'")
    ok=no; [[ "$before" == "$after" && "$shard" == "$MOVE_TO" && "$left" == 0 ]] && ok=yes
    check move_nation "after the move" "$MOVE on shard $shard; its members through the coordinator $before before, $after after; its tables left on shard 1: $left" "$ok"
    # The national report again, now reading the moved province from its new shard.
    report_group "$RUN/report-after.sh" "$COORD" "$YESTERDAY" "report-after-nation"
    if step "nation · the six reports as of $YESTERDAY again, after the move" report-after -- bash "$RUN/report-after.sh" && [[ -s "$O/duckdb-day.json" ]]; then
      "$PY" Benchmarks/nation.py verify --expected "$O/duckdb-day.json" --checks "$CHECKS" --key move_nation \
        --label "report as of $YESTERDAY after the move against DuckDB" "$O/report-after-nation"-P{1,2,3,4,5,6}.json || true
    fi
  fi
else
  fail_measure move_nation "nation · gonghui nation move-province $MOVE --to $MOVE_TO" "not run: the nation was not loaded"
fi

# -- what the run is ----------------------------------------------------------------------------
mb() { q "$1" "SELECT pg_database_size(current_database()) / 1048576"; }
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || commit+="+changes"
csv_mb=$(du -cm "$DATA"/P*/members.csv | tail -n 1 | cut -f1)
orgs_n=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["orgs"])' "$DATA/provinces.json")
dups=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["dropped_duplicates"])' "$DATA/provinces.json")
mb_c=$(mb "$COORD" 2>/dev/null || echo 0); mb_1=$(mb "${SHARDS[0]}" 2>/dev/null || echo 0); mb_2=$(mb "${SHARDS[1]}" 2>/dev/null || echo 0); mb_s=$(mb "$SINGLE" 2>/dev/null || echo 0)
sizes="coordinator $mb_c MiB, shard 1 $mb_1 MiB, shard 2 $mb_2 MiB; one instance $mb_s MiB"
free_gib=$(df -Pm /tmp "$OUT" | awk 'NR > 1 { if (min == "" || $4 < min) min = $4 } END { printf "%.0f", min / 1024 }')
# What the issue's size would need, scaled linearly in members from this run.
scale=$(awk -v t="$TOTAL" 'BEGIN { printf "%.4f", 30000000 / t }')
need_db=$(awk -v s="$scale" -v a="$mb_c" -v b="$mb_1" -v c="$mb_2" -v d="$mb_s" 'BEGIN { printf "%.0f", s * (a + b + c + d) / 1024 }')
need_csv=$(awk -v s="$scale" -v a="$csv_mb" 'BEGIN { printf "%.0f", 2 * s * a / 1024 }')
hours() { [[ -n "$1" ]] && awk -v s="$scale" -v x="$1" 'BEGIN { printf "%.1f", s * x / 3600 }' || echo "?"; }
secs_of() { awk -F'\t' -v k="$1" '$1 == k && $7 == "ok" { print $5; exit }' "$RESULTS"; }
# Each import's own time, as it printed it ("导入会员：N 行，用时 X 秒").
took() { local f s=""; for f in "$@"; do s+="$(tr '\r' '\n' <"$f" 2>/dev/null | sed -n 's/^导入会员：.*用时 \([0-9.]*\) 秒.*/\1/p' | tail -n 1) "; done; echo "${s% }"; }
nation_took=$(took "$RUN"/logs/members-nation-P{1,2,3,4,5,6}.log)
single_took=$(tr '\r' '\n' <"$RUN/logs/import_single-1.log" 2>/dev/null | sed -n 's/^导入会员：.*用时 \([0-9.]*\) 秒.*/\1/p' | paste -sd' ')
{
  tsv date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  tsv machine "$(nproc) cores (${cpu:-unknown CPU}), $mem GiB memory, $(uname -sr)"
  tsv scale "Scale: $(commas "$TOTAL") members in six provinces of $(commas "$N") (before dropping ID numbers used twice), 1/$(( 30000000 / (6 * N) )) of the issue's 30,000,000 (\`--members-per-province 5000000\`); each province is the demo province (\`gonghui demo --seed 1…6\`), P1–P3 on shard 1 and P4–P6 on shard 2."
  tsv versions "gonghui: repository at $commit, binary $BIN ($(date -u -r "$BIN" '+%Y-%m-%d %H:%M UTC'), sha256 $(sha256sum "$BIN" | cut -c1-12)); PostgreSQL $("$PGBIN/postgres" --version | awk '{ print $3 }') ×4 on 127.0.0.1 (scripts/pg-start.sh: fsync off, default memory settings; postgres_fdw); $("$PY" -c 'import sys, duckdb; print(f"Python {sys.version.split()[0]}, DuckDB {duckdb.__version__}")')"
  tsv data "Data: $(commas "$orgs_n") orgs and $(commas "$TOTAL") members ($dups rows dropped for an ID number already used), members.csv files $csv_mb MiB in all. Databases after the run: $sizes."
  tsv settings "Imports: the six orgs files one after another (timed below), then the six members files: at once through the coordinator and by \`\\copy\`, one after another into one instance's gonghui database (at once they would queue behind the first, whose empty-registry load holds the members table's lock, and one that had found the registry empty would give up); rate = all members ÷ wall time of the six. Reports: \`--depth 0 --format json\`, the six at once, wall time of all six; DuckDB: one Python process reading the 12 CSV files (start and import included) and writing the six rows. The year-end ($AS_OF) is kept as a snapshot, so the report reads the coordinator's roll-up; as of yesterday ($YESTERDAY, the day before the import) it also reads the periods changed since, on the shards. Look-ups: \`pgbench -n -M extended -c $CLIENTS -j 2 -T $LOOKUP_SECONDS\` after 2 s of warm-up, each transaction one pick of a sampled hash from a 1,000-row table and MemberService.lookup's statement with it as a parameter; mean latency $(cat "$RUN/lookup_nation.latency" 2>/dev/null || echo ?) ms through the coordinator, $(cat "$RUN/lookup_single.latency" 2>/dev/null || echo ?) ms on one instance. Move: rows = all rows of $MOVE's ${#TABLES[@]} tables."
  tsv notes "Each import's own time (s, P1…P6), as it printed it: through the coordinator $nation_took; into one instance $single_took (the first into an empty registry, the others compared with the members already there). Load average of the machine (shared with other work) when the measurements ended: $(cut -d' ' -f1-3 /proc/loadavg)."
  tsv disk "The issue's 30,000,000 members, scaled linearly from this run: the four databases about $need_db GiB, the CSV files (and the demo's, while they are rewritten) about $need_csv GiB, with $free_gib GiB free here; the imports alone about $(hours "$(secs_of import_nation)") h through the coordinator and $(hours "$(secs_of import_single)") h into one instance at this run's rates."
} >"$META"

banner "results ($(( (SECONDS - T0) / 60 )) min of measurements; logs in ${RUN#"$ROOT"/})"
"$PY" Benchmarks/nation.py table "$META" "$RESULTS" "$STEPS" "$CHECKS" "$RUN/results.md"
echo
if (( errors )); then
  echo "$errors step(s) or measurement(s) could not be taken; see the messages above." >&2
  echo "Table kept in ${RUN#"$ROOT"/}/results.md; Benchmarks/results-nation-latest.md left as it was." >&2
  exit 1
fi
cp "$RUN/results.md" Benchmarks/results-nation-latest.md
echo "written to Benchmarks/results-nation-latest.md"
