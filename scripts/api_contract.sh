#!/usr/bin/env bash
# The API's contract as a client generator reads it, checked against the running server:
#   1. openapi-spec-validator: /api/v1/openapi.json is a valid OpenAPI 3.1 document;
#   2. Schemathesis, signed in as the demo admin, with its default checks: every operation
#      answers what the document says (statuses, media types, bodies) and nothing 5xx.
# The server is the binary in HOCVU_BIN (default target/release/hocvu) on a fresh SQLite
# database seeded with the demo data; it is stopped and the database removed on exit.
#   HOCVU_BIN=target/debug/hocvu bash scripts/api_contract.sh
#   API_CONTRACT_EXAMPLES=N   Schemathesis's examples per operation (default 50)
#   API_CONTRACT_SEED=N       its random seed (default 20260701: the same run every time)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${HOCVU_BIN:-target/release/hocvu}"
ADDR=127.0.0.1:3200
BASE="http://$ADDR"
VENV=target/api-contract-venv
# Pinned: a new release of either tool must not turn the suite red (or green) by itself.
VALIDATOR_VERSION=0.9.0
SCHEMATHESIS_VERSION=4.32.5

# The tools, installed once; the next run reuses the venv when the pinned versions are there.
want="openapi-spec-validator==$VALIDATOR_VERSION schemathesis==$SCHEMATHESIS_VERSION"
if [[ "$(cat "$VENV/.pinned" 2>/dev/null)" != "$want" ]]; then
  echo "api_contract.sh: installing $want into $VENV" >&2
  python3 -m venv "$VENV"
  # shellcheck disable=SC2086
  "$VENV/bin/pip" install --quiet --disable-pip-version-check $want
  echo "$want" >"$VENV/.pinned"
fi
# `api_contract.sh install` only installs them (test.sh does it while the release build runs).
[[ "${1:-}" == install ]] && exit 0

if [[ ! -x "$BIN" ]]; then
  echo "api_contract.sh: $BIN is missing; build it (cargo build -p server --bin hocvu, or the release build)" >&2
  exit 1
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/hocvu-api-contract.XXXXXX")"
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$TMP/api.db?mode=rwc"
export LEPTOS_SITE_ROOT=target/site
export LEPTOS_SITE_ADDR=$ADDR
export HOCVU_ADDR=$ADDR
# Schemathesis sends many failed sign-ins and registrations from one address: the limits
# answer 429, which the document lists, so they stay as they are.

"$BIN" seed-demo >"$TMP/seed.log" 2>&1 || { cat "$TMP/seed.log" >&2; exit 1; }
"$BIN" serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "api_contract.sh: the server stopped:" >&2
    cat "$TMP/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
curl -fsS -o /dev/null "$BASE/healthz"

# The admin signs in as a client does: POST /api/v1/auth/login, then the session cookie.
# (An API token would not do: it carries the rights of an hr officer, never an admin's.)
PASSWORD=$(sed -n 's/.*mật khẩu chung: \(.*\)):.*/\1/p' "$TMP/seed.log")
PASSWORD=${PASSWORD:-Demo@HocVuSo2026}
curl -fsS -o /dev/null -D "$TMP/login.headers" -H 'content-type: application/json' \
  --data "{\"login\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login"
SESSION=$(sed -n 's/^[Ss]et-[Cc]ookie: \(hv_session=[^;]*\).*/\1/p' "$TMP/login.headers" | head -1)
if [[ -z "$SESSION" ]]; then
  echo "api_contract.sh: the admin's sign-in set no session cookie" >&2
  cat "$TMP/login.headers" >&2
  exit 1
fi
curl -fsS -o "$TMP/openapi.json" "$BASE/api/v1/openapi.json"

status=0
echo "== openapi-spec-validator $VALIDATOR_VERSION"
"$VENV/bin/openapi-spec-validator" "$TMP/openapi.json" || status=1

echo "== schemathesis $SCHEMATHESIS_VERSION"
# Default checks, a fixed budget and seed. Excluded, each for a reason of its own:
# - `logout` (POST /api/v1/auth/logout) ends the very session every other request rides on:
#   once called, the rest of the run is anonymous and its results depend on the order of
#   operations. Its own contract (204 and the cleared cookie) is tested in api_auth.rs.
# Run from the temporary directory: Schemathesis keeps a cache of its failures for `st replay`
# in the working directory, which would otherwise land in the repository.
ROOT=$PWD
(cd "$TMP" && "$ROOT/$VENV/bin/st" --config-file "$ROOT/scripts/schemathesis.toml" run "$BASE/api/v1/openapi.json" \
  --url "$BASE" \
  -H "Cookie: $SESSION" \
  --exclude-operation-id logout \
  --max-examples "${API_CONTRACT_EXAMPLES:-50}" \
  --seed "${API_CONTRACT_SEED:-20260701}" \
  --generation-database none \
  --workers 2 \
  --request-timeout 30 \
  --no-color) || status=1

if [[ $status != 0 ]]; then
  echo "api_contract.sh: FAILED (server log: last lines)" >&2
  tail -n 30 "$TMP/server.log" >&2
fi
exit $status
