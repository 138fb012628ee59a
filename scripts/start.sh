#!/usr/bin/env bash
# One command for a new user: installs what is missing, builds, and starts Học Vụ Số on SQLite
# with the demo province, printing where to open it and how to sign in.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

printf '\033[1m==> Building (release)\033[0m\n'
cargo leptos build --release -P

export LEPTOS_SITE_ROOT=target/site
export LEPTOS_SITE_ADDR="${HOCVU_ADDR:-127.0.0.1:3000}"
export HOCVU_ADDR="$LEPTOS_SITE_ADDR"
target/release/hocvu seed-demo
echo
echo "Mở trình duyệt tại: http://${HOCVU_ADDR}   (dừng bằng Ctrl+C)"
exec target/release/hocvu serve
