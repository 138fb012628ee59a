#!/usr/bin/env bash
# Where a page's server time goes: the release server under valgrind's callgrind, which counts
# instructions (the same count for the same binary and requests, whatever else the machine is
# doing), then N requests of one page, signed in and anonymous, each counted on its own.
#
#   bash bench/profile.sh [PATH] [N]     # default /khoa-hoc/KNS-AT-01/bai/3, 400 requests
#
# Needs target/release/hocvu and target/site (cargo leptos build --release -P), valgrind and
# curl. Prints the instructions per request of each run and the heaviest functions (inclusive);
# the raw profiles stay in the printed directory for callgrind_annotate or kcachegrind.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PAGE="${1:-/khoa-hoc/KNS-AT-01/bai/3}"
N="${2:-400}"
ADDR="${BENCH_ADDR:-127.0.0.1:3300}"
BASE="http://$ADDR"
OUT="$(mktemp -d "${TMPDIR:-/tmp}/hocvu-profile.XXXXXX")"

export DATABASE_URL="sqlite://$OUT/db.sqlite?mode=rwc" LEPTOS_SITE_ROOT=target/site \
  LEPTOS_SITE_ADDR="$ADDR" HOCVU_ADDR="$ADDR" LEPTOS_HASH_FILES=true \
  HOCVU_ESPEAK=off
target/release/hocvu seed-demo >"$OUT/seed.log" 2>&1
valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" target/release/hocvu serve \
  >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null && break; sleep 1; done

curl -fsS -c "$OUT/jar" -o /dev/null -H "Origin: $BASE" -H 'Content-Type: application/json' \
  -d '{"login":"hocvien","password":"Demo@HocVuSo2026"}' "$BASE/api/v1/auth/login"

# N GETs of the page on one keep-alive connection, as a browser asks (gzip accepted).
hit() {
  for _ in $(seq 1 "$2"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$BASE$PAGE"; done >"$OUT/urls"
  # shellcheck disable=SC2086
  curl -fsS $1 -H 'Accept-Encoding: br, gzip' -K "$OUT/urls"
}
# The pid callgrind_control addresses is valgrind's own (it execs the server in place).
profile() {
  hit "$2" 50
  callgrind_control -z "$SERVER" >/dev/null
  hit "$2" "$N"
  callgrind_control -d "$1" "$SERVER" >/dev/null
}
profile signed-in "-b $OUT/jar"
profile anonymous ""
kill -INT $SERVER 2>/dev/null || true

for f in "$OUT"/callgrind.out.*; do
  run=$(sed -n 's/^desc: Trigger: dump //p' "$f")
  total=$(sed -n 's/^summary: //p' "$f" | head -1)
  echo "== $run $PAGE: $((total / N)) instructions per request"
  callgrind_annotate --inclusive=yes "$f" 2>/dev/null \
    | grep -E 'gzip::whole_pages|Compress>::(reset|compress_vec)|reading_pages::respond|page_cache::serve|session::load|csrf::check' \
    | sed -E 's/ \[[^]]*\]$//' | cut -c1-150
done
echo "profiles: $OUT"
