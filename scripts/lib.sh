# Shared helpers for the scripts in this folder. Source it; it sets nothing else.

# A banner that stands out in a long CI log.
banner() {
  printf '\n==== %s ====\n' "$*"
}

note() {
  printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# The repository root, whatever the caller's working directory.
repo_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd
}

# The bin folder of Debian's PostgreSQL server, newest major version first.
# Debian installs each major version under /usr/lib/postgresql/N/bin.
pg_bindir() {
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5 -n -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

# True when something already accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# First port from $1 upwards (at most 100 tried) on which nothing listens.
free_port() {
  local p=$1 last=$(( $1 + 100 ))
  while (( p < last )); do
    if ! port_in_use "$p"; then
      echo "$p"
      return 0
    fi
    p=$(( p + 1 ))
  done
  return 1
}

# Wait until URL $1 answers 2xx, at most $2 seconds. If $3 is a pid, give up
# as soon as that process has exited.
wait_http() {
  local url=$1 timeout=$2 pid=${3:-} start=$SECONDS
  while (( SECONDS - start < timeout )); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      return 0
    fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      return 2
    fi
    sleep 0.5
  done
  return 1
}

# Stop a process we started: TERM, then KILL after $2 seconds (default 10).
stop_pid() {
  local pid=$1 grace=${2:-10} i
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < grace * 10; i++ )); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# venv_install VENV REQUIREMENTS STAMP LOG CHECK...: makes sure the Python venv VENV holds the
# pinned REQUIREMENTS. Nothing is done when VENV/STAMP names this Python and this requirements
# file and CHECK (a command) succeeds; otherwise the venv is made (again, when its interpreter is
# missing or another version than python3) and pip installs the file, its output in LOG, shown
# when it fails. The venv keeps itself out of git.
venv_install() {
  local venv=$1 req=$2 stamp=$3 log=$4
  shift 4
  local want
  want="$(python3 --version 2>&1) $(sha256sum "$req" | cut -d' ' -f1)"
  if [[ "$want" == "$(cat "$venv/$stamp" 2>/dev/null)" ]] && "$@" >/dev/null 2>&1; then
    return 0
  fi
  note "installing $(basename "$req") into $(basename "$venv")"
  if [[ "$("$venv/bin/python" --version 2>&1)" != "$(python3 --version 2>&1)" ]]; then
    rm -rf "$venv"
    python3 -m venv "$venv" >>"$log" 2>&1 || { cat "$log" >&2; die "python3 -m venv $venv failed"; }
    echo '*' >"$venv/.gitignore"
  fi
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req" >>"$log" 2>&1 \
    || { cat "$log" >&2; die "pip install -r $req failed"; }
  echo "$want" >"$venv/$stamp"
}
