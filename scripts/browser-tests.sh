#!/usr/bin/env bash
# Browser tests of the web console and the workers' portal: starts the gonghui binary just
# built with a small demo province (throwaway SQLite file, free port), drives headless Chromium
# through Selenium (BrowserTests/browser_tests.py), and saves a PNG of each main page, desktop
# and phone-sized, into ci-artifacts/screenshots/.
#
# Usage: scripts/browser-tests.sh [--members N] [--only NAME]
#   GONGHUI_BIN   the binary to test (default: the debug build's gonghui)
# Needs chromium, chromium-driver, fonts-noto-cjk and selenium in .venv-ci
# (scripts/ensure-deps.sh installs them).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(repo_root)
cd "$ROOT"

BIN=${GONGHUI_BIN:-"$(swift build --show-bin-path)/gonghui"}
[[ -x "$BIN" ]] || die "no gonghui binary at $BIN (run swift build first)"
PY="$ROOT/.venv-ci/bin/python"
[[ -x "$PY" ]] && "$PY" -c 'import selenium' 2>/dev/null || die "selenium is not installed in .venv-ci (run scripts/ensure-deps.sh)"
command -v chromedriver >/dev/null || [[ -x /usr/bin/chromedriver ]] || die "chromedriver is missing (apt-get install chromium chromium-driver)"
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || die "CJK fonts are missing (apt-get install fonts-noto-cjk): screenshots would show boxes"

mkdir -p ci-artifacts/screenshots
exec "$PY" BrowserTests/browser_tests.py --bin "$BIN" --out ci-artifacts/screenshots "$@"
