#!/usr/bin/env bash
# Install what the test script and the benchmarks need, if it is missing:
#   - PostgreSQL server from Debian (initdb/pg_ctl under /usr/lib/postgresql/N/bin)
#   - wrk, sqlite3, GNU time, curl, LibreOffice Calc and Writer (headless, for the XLSX and DOCX checks)
#   - a Python venv at .venv-ci with the tools pinned in scripts/requirements-ci.txt
#   - for the browser tests: chromium, chromium-driver and fonts-noto-cjk from Debian, and
#     selenium (pinned in BrowserTests/requirements.txt) in the same venv
# Idempotent and quiet: when everything is there it only prints one line.
# apt-get update runs once, and only when a Debian package is missing.
#
# Usage: scripts/ensure-deps.sh [--no-postgres] [--no-python] [--no-wrk] [--no-browser]
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$(repo_root)

want_postgres=1
want_python=1
want_wrk=1
want_browser=1
for arg in "$@"; do
  case "$arg" in
    --no-postgres) want_postgres=0 ;;
    --no-python) want_python=0 ;;
    --no-wrk) want_wrk=0 ;;
    --no-browser) want_browser=0 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) die "unknown option: $arg" ;;
  esac
done

LOG=$(mktemp /tmp/gonghui-deps.XXXXXX.log)
trap 'rm -f "$LOG"' EXIT

# Run a command with its output kept in $LOG; show the log only on failure.
quietly() {
  if ! "$@" >>"$LOG" 2>&1; then
    cat "$LOG" >&2
    die "failed: $*"
  fi
}

missing=()
command -v curl >/dev/null || missing+=(curl)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
[[ -x /usr/bin/time ]] || missing+=(time)
# The annual report's XLSX is checked by opening it in LibreOffice (scripts/cli-checks.sh).
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
# The mediation documents (DOCX) are checked by LibreOffice Writer converting them to text.
[[ -e /usr/lib/libreoffice/program/libswlo.so ]] || missing+=(libreoffice-writer-nogui)
if (( want_wrk )); then
  command -v wrk >/dev/null || missing+=(wrk)
fi
if (( want_postgres )); then
  pg_bindir >/dev/null || missing+=(postgresql)
  command -v psql >/dev/null || missing+=(postgresql-client)
fi
if (( want_browser )); then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
fi
if (( want_python || want_browser )); then
  command -v python3 >/dev/null || missing+=(python3)
  # Debian's python3 ships venv/ensurepip separately.
  if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    missing+=(python3-venv)
  fi
fi

if (( ${#missing[@]} )); then
  if (( EUID != 0 )); then
    die "missing Debian packages (${missing[*]}); run as root or install them: apt-get install ${missing[*]}"
  fi
  note "installing Debian packages: ${missing[*]}"
  if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    # The tests start their own throwaway server; the package's default cluster
    # (a second server on port 5432) would only cost time and memory. Debian's
    # createcluster.conf reads this folder.
    mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/gonghui-no-main-cluster.conf
  fi
  export DEBIAN_FRONTEND=noninteractive
  quietly apt-get -o DPkg::Lock::Timeout=300 -qq update
  quietly apt-get -o DPkg::Lock::Timeout=300 -y -qq install --no-install-recommends "${missing[@]}"
fi

if (( want_postgres )); then
  pg_bindir >/dev/null || die "PostgreSQL was installed but no initdb under /usr/lib/postgresql/*/bin"
fi

# Both venv steps share .venv-ci, each with its own stamp.
if (( want_python )); then
  venv_install "$ROOT/.venv-ci" "$ROOT/scripts/requirements-ci.txt" .requirements-stamp "$LOG" test -x "$ROOT/.venv-ci/bin/schemathesis"
fi

if (( want_browser )); then
  venv_install "$ROOT/.venv-ci" "$ROOT/BrowserTests/requirements.txt" .browser-stamp "$LOG" "$ROOT/.venv-ci/bin/python" -c 'import selenium'
fi

summary="deps ok:"
if (( want_postgres )); then summary+=" postgres=$("$(pg_bindir)/postgres" --version | awk '{print $3}')"; fi
if (( want_wrk )); then summary+=" wrk"; fi
summary+=" sqlite3=$(sqlite3 --version | awk '{print $1}')"
if (( want_python )); then summary+=" schemathesis=$("$ROOT/.venv-ci/bin/schemathesis" --version | awk '{print $NF}')"; fi
if (( want_browser )); then summary+=" chromium=$(chromedriver --version | awk '{print $2}') selenium=$("$ROOT/.venv-ci/bin/python" -c 'import selenium; print(selenium.__version__)')"; fi
echo "$summary"
