#!/usr/bin/env bash
# A real Learning Record Store for the xAPI tests: Ralph (PyPI ralph-malph, pinned) with its
# file-system backend, in a venv under target/ installed once.
#   bash scripts/lrs.sh install                       installs Ralph when missing (CI: test.sh)
#   bash scripts/lrs.sh run DIR PORT USER PASSWORD    serves the LRS on 127.0.0.1:PORT in the
#                                                     foreground, keeping statements in DIR,
#                                                     with one HTTP Basic user (all scopes)
# The xAPI base is then http://127.0.0.1:PORT/xAPI/. server/tests/xapi.rs runs it per test and
# kills it when the test ends; run again on the same DIR, it serves what it had stored.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="$PWD/target/lrs-venv"
# Pinned: a new release must not change what the tests talk to. The `lrs` extra is the API
# server (FastAPI, uvicorn, bcrypt for the users' file); the file-system backend needs nothing more.
# Ralph's API imports `requests` (its OpenID auth module) though no extra of `lrs` brings it.
RALPH_VERSION=5.1.0
REQUESTS_VERSION=2.32.3
want="ralph-malph[lrs]==$RALPH_VERSION requests==$REQUESTS_VERSION"

install() {
  # Tests run at once may all find it missing: one installs, the others wait for it.
  mkdir -p target
  exec 9>"target/lrs-venv.lock"
  flock 9
  if [[ "$(cat "$VENV/.pinned" 2>/dev/null)" != "$want" ]]; then
    echo "lrs.sh: installing $want into $VENV" >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    # shellcheck disable=SC2086
    "$VENV/bin/pip" install --quiet --disable-pip-version-check $want
    echo "$want" >"$VENV/.pinned"
  fi
  flock -u 9
}

run() {
  local dir=$1 port=$2 user=$3 password=$4
  install
  mkdir -p "$dir/app"
  # Ralph reads its users from a JSON file: name, bcrypt hash, scopes and the agent it stores
  # as the statements' authority.
  HV_USER="$user" HV_PASSWORD="$password" "$VENV/bin/python" - >"$dir/auth.json" <<'PY'
import bcrypt, json, os
user, password = os.environ["HV_USER"], os.environ["HV_PASSWORD"]
print(json.dumps([{
    "username": user,
    "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode(),
    "scopes": ["all"],
    "agent": {"account": {"homePage": "http://127.0.0.1/", "name": user}},
}]))
PY
  export RALPH_APP_DIR="$dir/app"
  export RALPH_AUTH_FILE="$dir/auth.json"
  export RALPH_RUNSERVER_BACKEND=fs
  export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$dir"
  export RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT=1000
  # Ralph's app with its file-system backend appending (see scripts/lrs_app.py).
  exec "$VENV/bin/uvicorn" --app-dir "$PWD/scripts" lrs_app:app --host 127.0.0.1 --port "$port" --log-level warning
}

case "${1:-}" in
  install) install ;;
  run) shift; run "$@" ;;
  *) echo "usage: lrs.sh install | run DIR PORT USER PASSWORD" >&2; exit 2 ;;
esac
