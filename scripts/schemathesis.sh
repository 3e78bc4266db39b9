#!/usr/bin/env bash
# API contract check: run schemathesis against a live `gonghui serve --demo`,
# driven by the server's own OpenAPI document (/api/v1/openapi.yaml).
#
# Uses a binary that is already built (no second build): $GONGHUI_BIN, default
# .build/debug/gonghui. Needs .venv-ci from scripts/ensure-deps.sh.
#
# Settings (environment):
#   GONGHUI_BIN                    binary to serve (default .build/debug/gonghui)
#   GONGHUI_API_PORT               first port to try (default 18080)
#   SCHEMATHESIS_MAX_TIME          time budget in seconds (default 240)
#   SCHEMATHESIS_MAX_EXAMPLES      cases per operation and fuzzing round (default 25)
#   SCHEMATHESIS_EXCLUDE_PATHS     regex of paths never called (default: logout|revoke)
#   SCHEMATHESIS_SEED              fixed seed, to replay a failing run
#
# The excluded paths would end the session whose token the run uses. Reports
# (JUnit XML) and the server log go to ci-artifacts/schemathesis/.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(repo_root)
cd "$ROOT"

BIN=${GONGHUI_BIN:-$ROOT/.build/debug/gonghui}
ST="$ROOT/.venv-ci/bin/schemathesis"
[[ -x "$BIN" ]] || die "no binary at $BIN (build first: swift build)"
[[ -x "$ST" ]] || die "no schemathesis at $ST (run scripts/ensure-deps.sh)"

MAX_TIME=${SCHEMATHESIS_MAX_TIME:-240}
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-25}
EXCLUDE=${SCHEMATHESIS_EXCLUDE_PATHS:-logout|revoke}
PORT=$(free_port "${GONGHUI_API_PORT:-18080}") || die "no free port from ${GONGHUI_API_PORT:-18080}"
ORIGIN="http://127.0.0.1:$PORT"

ART="$ROOT/ci-artifacts/schemathesis"
rm -rf "$ART"
mkdir -p "$ART"
TMP=$(mktemp -d /tmp/gonghui-api.XXXXXX)
SERVER_PID=""

cleanup() {
  stop_pid "$SERVER_PID" 15
  [[ -f "$TMP/server.log" ]] && cp "$TMP/server.log" "$ART/server.log"
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

show_server_log() {
  echo "---- server log (last 200 lines of $TMP/server.log) ----" >&2
  tail -n 200 "$TMP/server.log" >&2 || true
  echo "---- end of server log ----" >&2
}

note "starting: $(basename "$BIN") serve --demo --demo-members 5000 on $ORIGIN"
"$BIN" serve --demo --demo-members 5000 --database "$TMP/api.sqlite" \
  --host 127.0.0.1 --port "$PORT" </dev/null >"$TMP/server.log" 2>&1 &
SERVER_PID=$!

rc=0
wait_http "$ORIGIN/healthz" 120 "$SERVER_PID" || rc=$?
if (( rc == 2 )); then
  show_server_log
  die "the server exited before answering /healthz"
elif (( rc != 0 )); then
  show_server_log
  die "no answer from $ORIGIN/healthz within 120 s"
fi
note "server is up (pid $SERVER_PID)"

if ! curl -fsS --max-time 10 -o "$ART/openapi.yaml" "$ORIGIN/api/v1/openapi.yaml"; then
  show_server_log
  die "GET /api/v1/openapi.yaml failed"
fi

TOKEN=$("$BIN" user token admin --database "$TMP/api.sqlite" </dev/null 2>"$TMP/token.err" | tail -n 1 | tr -d '[:space:]') || true
if [[ -z "$TOKEN" ]]; then
  cat "$TMP/token.err" >&2
  die "\`gonghui user token admin\` printed no token"
fi

CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance
args=(
  run "$ORIGIN/api/v1/openapi.yaml"
  --origin "$ORIGIN"
  --header "Authorization: Bearer $TOKEN"
  --checks "$CHECKS"
  --exclude-path-regex "$EXCLUDE"
  --max-examples "$MAX_EXAMPLES"
  --max-time "$MAX_TIME"
  --workers 2
  --request-timeout 20
  --suppress-health-check all
  --generation-database none
  --report junit --report-dir "$ART"
  --no-color
)
[[ -n "${SCHEMATHESIS_SEED:-}" ]] && args+=(--seed "$SCHEMATHESIS_SEED")

# Printed with the token masked, so that the log shows how to replay the run.
shown=$(printf ' %q' "${args[@]}")
echo "schemathesis${shown//"$TOKEN"/\$TOKEN}"

# The run stops itself after MAX_TIME; `timeout` only guards against a hang.
st_rc=0
(cd "$TMP" && timeout --kill-after=15 $(( MAX_TIME + 300 )) "$ST" "${args[@]}") || st_rc=$?

if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  show_server_log
  die "the server died during the contract check"
fi
# A generation error inside schemathesis itself (hypothesis's "Inconsistent results" while it
# draws a test case, seen once on POST /api/v1/disputes with no request sent) is not a finding
# about the API: with no failed check in the report and only such errors, the run counts as
# passed, and the errors are named in the log.
if (( st_rc != 0 )) && python3 - "$ART" <<'PY'
import glob, sys
import xml.etree.ElementTree as ET
failures, errors = 0, []
for path in glob.glob(sys.argv[1] + "/*.xml"):
    for case in ET.parse(path).getroot().iter("testcase"):
        failures += len(case.findall("failure"))
        errors += [(case.get("name"), (e.get("message") or "") + (e.text or "")) for e in case.findall("error")]
tool_only = failures == 0 and errors and all("Inconsistent results" in text or "FlakyFailure" in text for _, text in errors)
for name, _ in errors:
    print("  schemathesis could not generate a test case for %s (its own error, not a check that failed)" % name)
sys.exit(0 if tool_only else 1)
PY
then
  echo "API contract check passed (every check passed; the errors above are schemathesis's own)"
  exit 0
fi
if (( st_rc != 0 )); then
  show_server_log
  echo "API contract check FAILED (schemathesis exit $st_rc); reports in ci-artifacts/schemathesis/" >&2
  exit "$st_rc"
fi
echo "API contract check passed"
