#!/usr/bin/env bash
# The test command (CI runs it through .ci/run):
#   1. install missing tools (scripts/ensure-deps.sh)
#   2. start a throwaway PostgreSQL (scripts/pg-start.sh), stopped again on exit
#   3. swift build --build-tests, then swift test on SQLite and PostgreSQL, then the store's
#      tests again on a nation: a coordinator and two shards (scripts/nation-up.sh)
#   4. API contract check with schemathesis against the debug binary just built
#      (scripts/schemathesis.sh)
#   5. browser tests: headless Chromium through Selenium against the same binary
#      (scripts/browser-tests.sh); screenshots in ci-artifacts/screenshots/
#
# Usage: scripts/test.sh [--no-postgres] [--no-api] [--no-browser]
#   --no-postgres      skip PostgreSQL: the store and HTTP tests run on SQLite only
#   --no-api           skip the schemathesis contract check
#   --no-browser       skip the browser tests
#   GONGHUI_SKIP_DEPS=1  do not install anything (step 1)
#
# Logs of each step are kept in ci-artifacts/ (ignored by git).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(repo_root)
cd "$ROOT"

with_postgres=1
with_api=1
with_browser=1
for arg in "$@"; do
  case "$arg" in
    --no-postgres) with_postgres=0 ;;
    --no-api) with_api=0 ;;
    --no-browser) with_browser=0 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) die "unknown option: $arg (see scripts/test.sh --help)" ;;
  esac
done

mkdir -p ci-artifacts
START=$SECONDS
results=()   # "step: ok|FAILED|skipped (…)"
failed=0

record() {
  results+=("$1")
  case "$1" in *FAILED*) failed=1 ;; esac
}

summary() {
  echo
  echo "==== summary ($(( SECONDS - START )) s) ===="
  local r
  for r in "${results[@]}"; do echo "  $r"; done
  if (( failed )); then
    echo "test.sh: FAILED"
  else
    echo "test.sh: all steps passed"
  fi
}

cleanup() {
  local status=$?
  # A failure outside the recorded steps (set -e) fails the run too.
  (( status != 0 )) && failed=1
  if [[ -n "${GONGHUI_PG_DIR:-}" ]]; then
    bash scripts/pg-stop.sh "$GONGHUI_PG_DIR" || true
  fi
  summary
  if (( failed )); then
    exit $(( status != 0 ? status : 1 ))
  fi
  exit 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# -- 1. dependencies ---------------------------------------------------------
banner "1/5 dependencies"
if [[ "${GONGHUI_SKIP_DEPS:-0}" == 1 ]]; then
  echo "GONGHUI_SKIP_DEPS=1: not installing anything"
  record "deps: skipped (GONGHUI_SKIP_DEPS=1)"
else
  dep_args=(--no-wrk)
  (( with_postgres )) || dep_args+=(--no-postgres)
  (( with_api )) || dep_args+=(--no-python)
  (( with_browser )) || dep_args+=(--no-browser)
  if bash scripts/ensure-deps.sh "${dep_args[@]}"; then
    record "deps: ok"
  else
    record "deps: FAILED"
    exit 1
  fi
fi

# -- 2. PostgreSQL -------------------------------------------------------------
banner "2/5 PostgreSQL"
if (( with_postgres )); then
  if pg_env=$(bash scripts/pg-start.sh); then
    eval "$pg_env"
    record "postgres: ok ($GONGHUI_TEST_POSTGRES_URL)"
  else
    record "postgres: FAILED to start"
    exit 1
  fi
else
  unset GONGHUI_TEST_POSTGRES_URL
  echo "--no-postgres: tests run on SQLite only"
  record "postgres: skipped (--no-postgres)"
fi

# -- 3. build and unit/integration tests --------------------------------------
banner "3/5 swift build --build-tests"
swift --version 2>&1 | head -n 1
build_start=$SECONDS
if swift build --build-tests 2>&1 | tee ci-artifacts/swift-build.log; then
  record "build: ok ($(( SECONDS - build_start )) s)"
else
  record "build: FAILED (ci-artifacts/swift-build.log)"
  exit 1
fi

banner "3/5 swift test (SQLite${GONGHUI_TEST_POSTGRES_URL:+ and PostgreSQL})"
test_start=$SECONDS
if swift test 2>&1 | tee ci-artifacts/swift-test.log; then
  test_status=ok
else
  test_status=FAILED
fi
# Swift Testing's and XCTest's own closing lines, for the summary.
counts=$( { grep -E 'Test run with [0-9]+ tests?' ci-artifacts/swift-test.log | tail -n 1
            grep -E 'Executed [0-9]+ tests?' ci-artifacts/swift-test.log | tail -n 1; } \
          | sed -E 's/^[^A-Za-z]+//' | paste -sd ';' - || true)
record "swift test: $test_status ($(( SECONDS - test_start )) s${counts:+; $counts})"

# -- 3a. the store's tests (registry, statistics, every system) on a nation ------------
# Three more throwaway PostgreSQL servers, a coordinator and two shards (scripts/nation-up.sh):
# every test database is laid out by `Nation.initialize`, 湖北 on one shard and 湖南 on the other.
if (( with_postgres )); then
  banner "3/5 swift test: store tests on a nation (coordinator + two shards)"
  nation_start=$SECONDS
  if bash scripts/nation-up.sh bash -c 'GONGHUI_TEST_POSTGRES_URL=$GONGHUI_NATION_COORDINATOR GONGHUI_TEST_NATION_SHARDS=$GONGHUI_NATION_SHARDS swift test --skip-build --filter GonghuiStoreTests' \
       2>&1 | tee ci-artifacts/swift-test-nation.log; then
    nation_status=ok
  else
    nation_status=FAILED
  fi
  ncounts=$(grep -E 'Test run with [0-9]+ tests?' ci-artifacts/swift-test-nation.log | tail -n 1 | sed -E 's/^[^A-Za-z]+//' || true)
  record "nation store tests: $nation_status ($(( SECONDS - nation_start )) s${ncounts:+; $ncounts})"
  banner "3/5 gonghui nation: init, import, a province moved, stopped and killed half-way"
  if bash scripts/nation-up.sh bash scripts/nation-checks.sh 2>&1 | tee ci-artifacts/nation-checks.log; then
    record "nation checks: ok"
  else
    record "nation checks: FAILED (ci-artifacts/nation-checks.log)"
  fi
fi

# -- 3b. the command-line tool on real files -------------------------------------
banner "3/5 gonghui command on real files (kill, re-import, export, GBK, bad input)"
if bash scripts/cli-checks.sh ${GONGHUI_TEST_POSTGRES_URL:+"$GONGHUI_TEST_POSTGRES_URL"} 2>&1 | tee ci-artifacts/cli-checks.log; then
  record "cli checks: ok"
else
  record "cli checks: FAILED (ci-artifacts/cli-checks.log)"
fi

# -- 4. API contract -----------------------------------------------------------
banner "4/5 API contract (schemathesis)"
if (( with_api )); then
  if GONGHUI_BIN="$(swift build --show-bin-path)/gonghui" bash scripts/schemathesis.sh; then
    record "api contract: ok"
  else
    record "api contract: FAILED (ci-artifacts/schemathesis/)"
  fi
else
  echo "--no-api: skipped"
  record "api contract: skipped (--no-api)"
fi

# -- 5. browser tests -------------------------------------------------------------
banner "5/5 browser tests (headless Chromium, Selenium)"
if (( with_browser )); then
  if GONGHUI_BIN="$(swift build --show-bin-path)/gonghui" bash scripts/browser-tests.sh 2>&1 | tee ci-artifacts/browser-tests.log; then
    record "browser tests: ok (screenshots in ci-artifacts/screenshots/)"
  else
    record "browser tests: FAILED (ci-artifacts/browser-tests.log, ci-artifacts/screenshots/)"
  fi
else
  echo "--no-browser: skipped"
  record "browser tests: skipped (--no-browser)"
fi

(( failed )) && exit 1
exit 0
