#!/usr/bin/env bash
# Starts the already-built release server for the Playwright tests, on a fresh
# SQLite database seeded with the demo units and accounts.
set -euo pipefail

cd "$(dirname "$0")/.."

BIN=target/release/hocvu
if [[ ! -x "$BIN" ]]; then
  echo "start-server.sh: $PWD/$BIN is missing; build it first with 'cargo leptos build --release -P'" >&2
  exit 1
fi
if [[ ! -d target/site ]]; then
  echo "start-server.sh: $PWD/target/site is missing; build it first with 'cargo leptos build --release -P'" >&2
  exit 1
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/hocvu-e2e.XXXXXX")"

export DATABASE_URL="sqlite://$TMP/e2e.db?mode=rwc"
export LEPTOS_SITE_ROOT=target/site
export LEPTOS_SITE_ADDR=127.0.0.1:3100
export HOCVU_ADDR=127.0.0.1:3100

echo "start-server.sh: database $TMP/e2e.db" >&2
"$BIN" seed-demo
exec "$BIN" serve
