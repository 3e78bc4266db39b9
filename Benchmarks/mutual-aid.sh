#!/usr/bin/env bash
# Benchmark: medical mutual aid at a province's size. 1,000,000 members enrolled in a round from a
# roster file with `gonghui import mutual-aid-enrollment`, against the sqlite3 shell's `.import` of
# the same file (the engine's own loader); the round's figures for the province (`gonghui report
# mutual-aid --org HB`) against DuckDB computing the same figures from the same data exported to
# CSV, figures checked equal. One run, one machine; see Benchmarks/README.md.
#
# Usage: Benchmarks/mutual-aid.sh [--enroll N] [--members M] [--claims C] [--repeat K] [--bin PATH]
#                                 [--out DIR] [--keep] [--reuse] [--step-timeout SECONDS]
#   --enroll         members in good standing on the roster, all enrolled in one import
#                    (default 1000000)
#   --members        members of the demo province the roster is drawn from (default 1300000;
#                    about 93 % of them are in good standing, and the roster needs N of those)
#   --claims         claims written on the round after the import (default 20000)
#   --repeat         runs of the report and of DuckDB, interleaved; the table shows the median
#                    (default 3)
#   --bin            use this gonghui binary instead of `swift build -c release --product gonghui`
#   --out            working folder for data and logs (default bench-out/, ignored by git)
#   --keep           keep the demo database, its key, the roster and the database the run
#                    enrolled into (OUT/mutual-aid-data-M-N)
#   --reuse          use the demo database and the roster --keep left for the same M and N instead
#                    of making them again (the import is measured again all the same, into a copy)
#   --step-timeout   upper bound for any single step or run (default 3600)
#
# Prints one markdown table and writes it to Benchmarks/results-mutual-aid-latest.md when every
# measurement was taken and every figure agreed with DuckDB's (each run also keeps it in its
# folder in --out). Exits non-zero when a step or measurement could not be taken or a figure
# differs; a missed target is reported as FAIL in the table but does not change the exit status.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
ROOT=$(repo_root)
cd "$ROOT"

ENROLL=1000000
MEMBERS=1300000
CLAIMS=20000
REPEAT=3
BIN=${GONGHUI_BIN:-}
OUT=$ROOT/bench-out
KEEP=0
REUSE=0
STEP_TIMEOUT=3600

while (( $# )); do
  case "$1" in
    --enroll) ENROLL=${2:?}; shift 2 ;;
    --enroll=*) ENROLL=${1#*=}; shift ;;
    --members) MEMBERS=${2:?}; shift 2 ;;
    --claims) CLAIMS=${2:?}; shift 2 ;;
    --repeat) REPEAT=${2:?}; shift 2 ;;
    --bin) BIN=${2:?}; shift 2 ;;
    --out) OUT=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --reuse) REUSE=1; shift ;;
    --step-timeout) STEP_TIMEOUT=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) die "unknown option: $1 (see Benchmarks/mutual-aid.sh --help)" ;;
  esac
done
for v in ENROLL MEMBERS CLAIMS REPEAT; do
  { [[ "${!v}" =~ ^[0-9]+$ ]] && (( ${!v} > 0 )); } || die "--${v,,} takes a positive number"
done
(( ENROLL <= MEMBERS )) || die "--enroll cannot exceed --members"
(( CLAIMS <= ENROLL )) || die "--claims cannot exceed --enroll"
[[ "$STEP_TIMEOUT" =~ ^[0-9]+$ ]] || die "--step-timeout takes whole seconds"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RUN="$OUT/mutual-aid-$(date -u +%Y%m%dT%H%M%SZ)"
DATA="$OUT/mutual-aid-data-$MEMBERS-$ENROLL"
mkdir -p "$RUN/logs" "$RUN/out" "$RUN/export"
RESULTS="$RUN/results.tsv"   # key what count seconds rss_kib status
CHECKS="$RUN/checks.tsv"     # label detail status
META="$RUN/meta.tsv"
: >"$RESULTS"; : >"$CHECKS"; : >"$META"

errors=0
T0=$SECONDS
DEMO="$DATA/demo.sqlite"     # the demo province as `gonghui demo` left it (kept with --keep)
DB="$DATA/work.sqlite"       # a copy of it: the round, the import, the payments and claims

cleanup() {
  local status=$?
  if (( ! KEEP )); then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    if [[ -d "$DATA" && -f "$DATA/.built-by-this-run-$$" ]]; then rm -rf "$DATA"; fi
  fi
  rm -f "$DATA/.built-by-this-run-$$" "$RUN/limit.sqlite" 2>/dev/null || true
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
  if ! "$PY" Benchmarks/mutual_aid.py verify --expected "$expected" --label "$label" --checks "$CHECKS" "$report"; then
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

# -- data: the demo province and the roster ------------------------------------------------
banner "$MEMBERS members, a roster of $ENROLL: data"
ROSTER="$DATA/roster.csv"
WANT="$MEMBERS $ENROLL"
TODAY=$(TZ=Asia/Shanghai date +%F)   # the importer's today (China's time): the window must hold it
if (( REUSE )) && [[ -f "$DATA/ready" && "$(cat "$DATA/ready")" == "$WANT" && -s "$DEMO" && -s "$ROSTER" && -s "$DATA/key" ]]; then
  note "reusing the demo database and the roster in ${DATA#"$ROOT"/}"
  tsv demo "gonghui demo --members $MEMBERS: reused from ${DATA#"$ROOT"/}, not measured" - - - ok >>"$RESULTS"
else
  (( REUSE )) && note "nothing to reuse in ${DATA#"$ROOT"/} for these options; building"
  rm -rf "$DATA"
  mkdir -p "$DATA"
  touch "$DATA/.built-by-this-run-$$"
  head -c 32 /dev/urandom | base64 -w0 >"$DATA/key"
  chmod 600 "$DATA/key"
  export GONGHUI_ENCRYPTION_KEY; GONGHUI_ENCRYPTION_KEY=$(cat "$DATA/key")
  measure demo "gonghui demo --members $MEMBERS (SQLite)" 1 "$MEMBERS" -- "$BIN" demo --members "$MEMBERS" --database "$DEMO" \
    || die "the demo province could not be made (see above)"
  province=$(sqlite3 -readonly "$DEMO" 'SELECT code FROM orgs WHERE parent_id IS NULL')
  [[ "$province" =~ ^[A-Za-z0-9]+$ ]] || die "the demo database has no single province (got: $province)"
  measure export "gonghui export members --org $province (CSV)" 1 "$MEMBERS" -- \
    "$BIN" export members --org "$province" --output "$DATA/members.csv" --database "$DEMO" \
    || die "the members could not be exported (see above)"
  measure roster "the roster: $ENROLL members in good standing (mutual_aid.py roster)" 1 "$ENROLL" -- \
    "$PY" Benchmarks/mutual_aid.py roster --members "$DATA/members.csv" --out "$ROSTER" --rows "$ENROLL" --seed 1 --summary "$DATA/roster.json" \
    || die "no roster (see above)"
  rm -f "$DATA/members.csv"
  echo "$WANT" >"$DATA/ready"
fi
export GONGHUI_ENCRYPTION_KEY; GONGHUI_ENCRYPTION_KEY=$(cat "$DATA/key")
PROVINCE=$(sqlite3 -readonly "$DEMO" 'SELECT code FROM orgs WHERE parent_id IS NULL')

# A fresh copy of the demo for this run, brought to the binary's schema, with a plan the province
# owns and this year's round, its enrollment window open today.
rm -f "$DB" "$DB-wal" "$DB-shm"
cp "$DEMO" "$DB"
[[ -f "$DEMO-wal" ]] && cp "$DEMO-wal" "$DB-wal"
step migrate -- "$BIN" migrate --database "$DB" || die "gonghui migrate failed on the copy of the demo"
step round -- "$PY" Benchmarks/mutual_aid.py round --database "$DB" --province "$PROVINCE" --today "$TODAY" || die "no round"
ROUND=$(tail -n 1 "$RUN/logs/round.log")
[[ "$ROUND" =~ ^[0-9]+$ ]] || die "no round id (got: $ROUND)"
note "round $ROUND of plan BM-$PROVINCE (owned by $PROVINCE), enrollment open on $TODAY"

# -- the import against .import -------------------------------------------------------------
banner "enrollment of $ENROLL members"
imported=0
# The checks alone (every row against the registry and the round, nothing written): where the
# import's time goes, printed for the record.
measure dry_run "gonghui import mutual-aid-enrollment --dry-run (the checks only)" 1 "$ENROLL" -- \
  "$BIN" import mutual-aid-enrollment "$ROSTER" --round "$ROUND" --dry-run --database "$DB" || true
if measure import "gonghui import mutual-aid-enrollment" 1 "$ENROLL" -- \
    "$BIN" import mutual-aid-enrollment "$ROSTER" --round "$ROUND" --database "$DB"; then
  got=$(sqlite3 -readonly "$DB" "SELECT count(*) FROM mutual_aid_enrollments WHERE round_id = $ROUND")
  if [[ "$got" != "$ENROLL" ]]; then
    errors=$(( errors + 1 ))
    echo "  FAILED: the round holds $got enrollments, not $ENROLL" >&2
  else
    imported=1
  fi
fi
# The engine's own loader of the same file into a plain table: the import's limit.
printf 'CREATE TABLE t(c1 TEXT, c2 TEXT, c3 TEXT);\n.import --csv --skip 1 %s t\n' "$ROSTER" >"$RUN/limit.sql"
rm -f "$RUN/limit.sqlite"
if measure import_limit "sqlite3 .import of the same CSV (limit)" 1 "$ENROLL" -- sqlite3 -bail "$RUN/limit.sqlite" ".read $RUN/limit.sql"; then
  got=$(sqlite3 -readonly "$RUN/limit.sqlite" 'SELECT count(*) FROM t')
  [[ "$got" == "$ENROLL" ]] || { errors=$(( errors + 1 )); echo "  FAILED: .import loaded $got rows, not $ENROLL" >&2; }
fi
rm -f "$RUN/limit.sqlite"
(( imported )) || die "the roster was not imported; nothing to report on (see above)"

# -- payments, claims, the export for DuckDB ---------------------------------------------------
banner "payments and $CLAIMS claims; the export for DuckDB"
measure settle "payments of 85 % of the units and $CLAIMS claims (mutual_aid.py settle)" 1 - -- \
  "$PY" Benchmarks/mutual_aid.py settle --database "$DB" --round "$ROUND" --today "$TODAY" --claims "$CLAIMS" --paid-units 85 --seed 1 \
  || die "payments and claims could not be written (see above)"
SETTLED=$(tail -n 1 "$RUN/logs/settle-1.log")
# Every row of the three tables the report reads, only the columns it reads, nothing joined,
# filtered or summed (not timed): the same data DuckDB is given.
E="$RUN/export"
export_csv() {   # NAME QUERY [-header]: $E/NAME, the query's rows as the sqlite3 shell writes them
  if ! timeout --kill-after=30 "$STEP_TIMEOUT" sqlite3 -readonly -bail -csv ${3:-} "$DB" "$2" >"$E/$1" 2>"$RUN/logs/export-$1.log"; then
    errors=$(( errors + 1 ))
    echo "  FAILED: the export of $1" >&2
    cat "$RUN/logs/export-$1.log" >&2
    return 1
  fi
}
export_csv orgs.csv "SELECT id, code, name, path, parent_id FROM orgs" -header \
  && export_csv enrollments.csv "SELECT round_id, org_id, contribution_fen, payment_id FROM mutual_aid_enrollments" -header \
  && export_csv claims.csv "SELECT round_id, org_id, state, amount_fen, benefit_code, diagnosis, filed_on, paid_on FROM mutual_aid_claims" -header \
  && export_csv terms.json "SELECT terms FROM mutual_aid_rounds WHERE id = $ROUND" -list \
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
  tsv data "$("$PY" - "$DATA/roster.json" "$DB" "$ROSTER" "$E" "$ROUND" "$SETTLED" "$PROVINCE" <<'EOF'
import json, os, sys, sqlite3
roster = json.load(open(sys.argv[1]))
db = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True)
e, rnd, settled, province = sys.argv[4], int(sys.argv[5]), json.loads(sys.argv[6]), sys.argv[7]
orgs = db.execute("SELECT count(*) FROM orgs").fetchone()[0]
children = db.execute("SELECT count(*) FROM orgs WHERE parent_id = (SELECT id FROM orgs WHERE code = ?)", (province,)).fetchone()[0]
enrolled, units = db.execute("SELECT count(*), count(DISTINCT org_id) FROM mutual_aid_enrollments WHERE round_id = ?", (rnd,)).fetchone()
all_e = db.execute("SELECT count(*) FROM mutual_aid_enrollments").fetchone()[0]
all_c = db.execute("SELECT count(*) FROM mutual_aid_claims").fetchone()[0]
mib = lambda p: os.path.getsize(p) / 1048576
states = ", ".join(f"{v:,} {k}" for k, v in settled["states"].items())
print(f"The demo province {province} of {roster['members']:,} members ({roster['active']:,} in good standing), {orgs:,} orgs, "
      f"{children} cities. Roster of {roster['rows']:,} members in good standing of {roster['units']:,} units, a seeded sample "
      f"spread over the province ({mib(sys.argv[3]):,.0f} MiB CSV: 身份证号, 姓名, 所属工会代码), imported into round {rnd} of a "
      f"plan the province owns (this year's, its enrollment window open today). Then, straight in SQLite: the exact "
      f"contribution paid by {settled['paid_units']:,} of the {settled['units']:,} units ({settled['paid_members']:,} members "
      f"covered), and {settled['claims']:,} claims ({states}). SQLite file {mib(sys.argv[2]):,.0f} MiB; exported for "
      f"DuckDB: orgs.csv {mib(e + '/orgs.csv'):,.1f} MiB, enrollments.csv {mib(e + '/enrollments.csv'):,.1f} MiB "
      f"({all_e:,} rows, every round), claims.csv {mib(e + '/claims.csv'):,.1f} MiB ({all_c:,} rows).")
EOF
)"
  tsv settings "Import: one run of each, wall time of the whole process; the dry run is the same command with --dry-run (every row checked, nothing written). Report: \`gonghui report mutual-aid --round $ROUND --org $PROVINCE --format json --output FILE\` (the province and each of its cities), $REPEAT runs interleaved with DuckDB's; seconds are the median wall time of the whole process (start, read, compute, write the JSON), DuckDB's in a new Python process reading the three CSV files (typed columns) with the engine's default threads and writing the same rows as JSON."
} >"$META"

# -- report vs DuckDB ------------------------------------------------------------------------
banner "report vs DuckDB ($REPEAT runs each, interleaved)"
O="$RUN/out"
for (( r = 1; r <= REPEAT; r++ )); do
  measure report "gonghui report mutual-aid --org $PROVINCE · SQLite" "$r" - -- \
    "$BIN" report mutual-aid --round "$ROUND" --org "$PROVINCE" --format json --output "$O/report.json" --database "$DB" || true
  measure duckdb "DuckDB over the CSV files (limit)" "$r" - -- \
    "$PY" Benchmarks/mutual_aid.py duckdb --dir "$E" --round "$ROUND" --org "$PROVINCE" --output "$O/duckdb.json" || true
done

banner "figures compared with DuckDB's"
verify "gonghui · $PROVINCE, round $ROUND" "$O/duckdb.json" "$O/report.json"

# -- report --------------------------------------------------------------------------------------
banner "results ($(( (SECONDS - T0) / 60 )) min; logs in ${RUN#"$ROOT"/})"
"$PY" Benchmarks/mutual_aid.py table "$META" "$RESULTS" "$CHECKS" "$RUN/results.md"
echo
if (( errors )); then
  echo "$errors step(s), measurement(s) or comparison(s) failed; see the messages above." >&2
  echo "Table kept in ${RUN#"$ROOT"/}/results.md; Benchmarks/results-mutual-aid-latest.md left as it was." >&2
  exit 1
fi
cp "$RUN/results.md" Benchmarks/results-mutual-aid-latest.md
echo "written to Benchmarks/results-mutual-aid-latest.md"
