#!/usr/bin/env bash
# Starts the already-built release server for the Playwright tests, on a fresh
# SQLite database seeded with the demo units and accounts.
set -euo pipefail

cd "$(dirname "$0")/.."

# The release build by default; CI runs the one its tests were built with (scripts/test.sh).
BIN="${HOCVU_BIN:-target/release/hocvu}"
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
# The OpenID provider playwright.config.ts starts beside the server (oidc/provider.mjs).
export HOCVU_OIDC_PROVIDERS=vneid
export HOCVU_OIDC_VNEID_ISSUER=http://127.0.0.1:3190
export HOCVU_OIDC_VNEID_CLIENT_ID=hocvu
export HOCVU_OIDC_VNEID_CLIENT_SECRET=bi-mat-thu-nghiem
export HOCVU_OIDC_VNEID_SCOPES="openid profile phone email cccd"
export HOCVU_OIDC_VNEID_LABEL="Đăng nhập bằng VNeID"
export HOCVU_OIDC_VNEID_CLAIM_ID_NUMBER=so_dinh_danh

# The SMTP server playwright.config.ts starts beside it (scripts/smtp.sh serve 3125).
export HOCVU_SMTP_URL=smtp://127.0.0.1:3125
export HOCVU_MAIL_FROM="Học Vụ Số <khong-tra-loi@hocvuso.example>"
export HOCVU_MAIL_RATE=50

echo "start-server.sh: database $TMP/e2e.db" >&2
"$BIN" seed-demo
exec "$BIN" serve
