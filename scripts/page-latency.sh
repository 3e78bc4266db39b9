#!/usr/bin/env bash
# Page latencies of the web console under wrk: starts gonghui with the demo province on a free
# port (throwaway SQLite file), signs in as the county officer and as the province admin, and
# loads each main page for a few seconds with 2 connections; prints median and p99 per page.
#
# Usage: scripts/page-latency.sh [binary] [members] [seconds]
#   defaults: .build/release/gonghui, 200000 members, 5 seconds per page
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(repo_root)
BIN=${1:-"$ROOT/.build/release/gonghui"}
MEMBERS=${2:-200000}
SECONDS_PER_PAGE=${3:-5}
[[ -x "$BIN" ]] || die "no binary at $BIN (swift build -c release)"
command -v wrk >/dev/null || die "wrk is missing (scripts/ensure-deps.sh)"

WORK=$(mktemp -d /tmp/gonghui-latency.XXXXXX)
PORT=$(free_port 18300 2>/dev/null || echo 18300)
B="http://127.0.0.1:$PORT"
"$BIN" serve --demo --demo-members "$MEMBERS" --database "$WORK/demo.sqlite" --port "$PORT" >"$WORK/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do
  curl -sf "$B/healthz" >/dev/null 2>&1 && break
  kill -0 $PID 2>/dev/null || { cat "$WORK/serve.log" >&2; die "server exited"; }
  sleep 0.5
done

# Signs in through the login form; prints the session cookie.
login() {
  local jar="$WORK/jar-$1" token
  curl -s -c "$jar" -b "$jar" "$B/login" -o "$WORK/login.html"
  token=$(grep -o 'name="_csrf" value="[^"]*"' "$WORK/login.html" | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "username=$1" \
    --data-urlencode "password=Demo-2026!$1" "$B/login"
  awk '$6 == "gonghui_session" {print $7}' "$jar"
}

measure() { # user cookie path
  local out p50 p99 rps
  out=$(wrk -t1 -c2 -d"${SECONDS_PER_PAGE}s" --latency -H "Cookie: gonghui_session=$2" "$B$3")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  if grep -q "Non-2xx" <<<"$out"; then p50="$p50 (non-2xx!)"; fi
  printf '| %s | `%s` | %s | %s | %s |\n' "$1" "$3" "$p50" "$p99" "$rps"
}

county_org=$(grep -E '^\s+county / ' "$WORK/serve.log" | awk '{print $NF}')
county=$(login county)
admin=$(login admin)
member=$(curl -s -b "gonghui_session=$county" "$B/members?status=active&offset=50" | grep -o 'href="/members/[0-9]*"' | head -1 | grep -o '[0-9]*')

echo "$MEMBERS demo members, $(basename "$BIN"), wrk -t1 -c2 -d${SECONDS_PER_PAGE}s, $(date -u +%Y-%m-%d)"
echo
echo "| user | page | median | p99 | req/s |"
echo "| --- | --- | --- | --- | --- |"
for path in / "/orgs/$county_org" /members "/members?name=%E7%8E%8B" "/members/$member" /transfers /import; do
  measure county "$county" "$path"
done
for path in / /orgs/HB /members /transfers /audit; do
  measure admin "$admin" "$path"
done
