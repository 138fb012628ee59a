#!/usr/bin/env bash
# Runs the Học Vụ Số benchmarks against a freshly seeded release server on loopback.
#
# Needs, from the repo root: target/release/hocvu and target/site, built by
#   cargo leptos build --release -P
# Builds only the bench crate itself. Set DATABASE_URL to measure on PostgreSQL instead of a
# temporary SQLite file. Optional: BENCH_ADDR (127.0.0.1:3200), BENCH_SECONDS (10),
# BENCH_CONNECTIONS (16), BENCH_WARMUP (2).
#
# `bench/run.sh province [ARGS]` runs only the province-size import and indicator benchmark
# (no server needed): on a temporary SQLite file, and on PostgreSQL too when DATABASE_URL is a
# postgres:// URL (or with --pg URL); ARGS go to `hocvu-bench province`.
#
# `bench/run.sh learners [ARGS]` runs only the learners step (BENCH_LEARNERS learners, 500,
# answering BENCH_QUIZ, DG-LCKNS) against the freshly seeded server; ARGS go to
# `hocvu-bench learners` (e.g. --rate 3000). The default run ends with the same step.
#
# `bench/run.sh soak [ARGS]` runs only the soak (not in the default run: it lasts
# BENCH_SOAK_SECONDS, 600 by default): learners, readers, HR pages and exports and imports at once
# against the freshly seeded server, errors counted and its VmRSS sampled; ARGS go to
# `hocvu-bench soak`. BENCH_SERVER_BIN and BENCH_SITE_ROOT run a server built elsewhere (its
# hash file beside the binary), instead of the release build of this checkout's target dir.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# `bench/run.sh nation [ARGS]` loads the nation into PostgreSQL (DATABASE_URL, an admin URL on
# loopback; the database `hocvu_nation` is kept for the next run) and times the indicators and
# dashboards at that size; ARGS go to `hocvu-bench nation`.
if [[ "${1:-}" == "nation" ]]; then
  shift
  if [[ "${DATABASE_URL:-}" != postgres* ]]; then
    echo "bench/run.sh nation needs DATABASE_URL=postgres://… (an admin URL on loopback)" >&2
    exit 2
  fi
  cargo build --release -p bench
  echo "== nation"
  exec target/release/hocvu-bench nation --pg "$DATABASE_URL" "$@"
fi

if [[ "${1:-}" == "province" ]]; then
  shift
  cargo build --release -p bench
  pg=()
  if [[ "${DATABASE_URL:-}" == postgres* ]]; then
    pg=(--pg "$DATABASE_URL")
  fi
  echo "== province"
  exec target/release/hocvu-bench province "${pg[@]}" "$@"
fi

ONLY=""
if [[ "${1:-}" == "learners" || "${1:-}" == "soak" ]]; then
  ONLY="$1"
  shift
fi

ADDR="${BENCH_ADDR:-127.0.0.1:3200}"
DURATION="${BENCH_SECONDS:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
WARMUP="${BENCH_WARMUP:-2}"
LEARNERS="${BENCH_LEARNERS:-500}"
QUIZ="${BENCH_QUIZ:-DG-LCKNS}"
URL="http://$ADDR"
# The cargo target dir (a worktree's .cargo/config.toml may move it).
TARGET_DIR="${CARGO_TARGET_DIR:-$(cargo metadata --format-version 1 --no-deps |
  sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')}"
TARGET_DIR="${TARGET_DIR:-target}"
SERVER="${BENCH_SERVER_BIN:-$TARGET_DIR/release/hocvu}"
SITE_ROOT="${BENCH_SITE_ROOT:-target/site}"
BENCH="$TARGET_DIR/release/hocvu-bench"
SERVER_PID=""

case "$ADDR" in
  127.*|localhost:*|\[::1\]:*) ;;
  *) echo "BENCH_ADDR must be a loopback address, got $ADDR" >&2; exit 2 ;;
esac

cargo build --release -p bench

if [[ ! -x "$SERVER" || ! -d "$SITE_ROOT" ]]; then
  echo "missing $SERVER or $SITE_ROOT: build them first with 'cargo leptos build --release -P'" >&2
  exit 2
fi

TMP="$(mktemp -d)"
# Pages and answers are measured, not the reading of the demo's lessons aloud (seconds of a
# core right after start): the server runs without espeak-ng.
export HOCVU_ESPEAK=off

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

export DATABASE_URL="${DATABASE_URL:-sqlite://$TMP/bench.db?mode=rwc}"
export LEPTOS_SITE_ROOT="$SITE_ROOT"
export LEPTOS_SITE_ADDR="$ADDR"
export HOCVU_ADDR="$ADDR"

# Prints the HTTP status of GET $URL/healthz (000 when nothing answers).
healthz_status() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 2 -w '%{http_code}' "$URL/healthz" || true
  else
    local host="${ADDR%:*}" port="${ADDR##*:}" line
    if exec 3<>"/dev/tcp/$host/$port" 2>/dev/null; then
      printf 'GET /healthz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$ADDR" >&3
      read -r -t 2 line <&3 || true
      exec 3<&-
      echo "$line" | awk '{print $2}'
    else
      echo 000
    fi
  fi
}

wait_healthy() {
  local deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server exited during start-up; log:" >&2
      tail -n 40 "$TMP/server.log" >&2
      return 1
    fi
    [[ "$(healthz_status)" == "200" ]] && return 0
    sleep 0.5
  done
  echo "server did not answer 200 on $URL/healthz within 60 s; log:" >&2
  tail -n 40 "$TMP/server.log" >&2
  return 1
}

echo "== seeding demo data (${DATABASE_URL%%\?*})"
"$SERVER" seed-demo

echo "== starting $SERVER serve on $ADDR"
"$SERVER" serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
wait_healthy
echo "server pid $SERVER_PID is healthy"

status=0
run_step() {
  echo
  echo "== $*"
  "$BENCH" "$@" || { echo "step failed: $1" >&2; status=1; }
}

# 500 learners answering a quiz, each answer saved by a form post; answers lost checked in the
# database afterwards (the step writes its learners' accounts and sessions there).
learners_step() {
  run_step learners --target "$URL" --database-url "$DATABASE_URL" --learners "$LEARNERS" \
    --seconds "$DURATION" --quiz "$QUIZ" --server-pid "$SERVER_PID" "$@"
}

if [[ "$ONLY" == learners ]]; then
  learners_step "$@"
  exit "$status"
fi

# Mixed traffic for BENCH_SOAK_SECONDS (600): errors must be 0 and the server's VmRSS flat.
if [[ "$ONLY" == soak ]]; then
  run_step soak --target "$URL" --database-url "$DATABASE_URL" --server-pid "$SERVER_PID" \
    --seconds "${BENCH_SOAK_SECONDS:-600}" "$@"
  echo "server log: $(grep -c -E 'ERROR|WARN' "$TMP/server.log" || true) lines at WARN or ERROR"
  grep -m 5 -E 'ERROR|WARN' "$TMP/server.log" || true
  exit "$status"
fi

run_step http --target "$URL" --path / --connections "$CONNECTIONS" --seconds "$DURATION" \
  --warmup "$WARMUP" --server-pid "$SERVER_PID"
# Learner pages with real content (a course page, a lesson of about 430 words), each beside the
# bare axum hello of the same step; their target is 10% of its throughput.
run_step http --target "$URL" --path /khoa-hoc/KNS-AT-01 --connections "$CONNECTIONS" --seconds "$DURATION" \
  --warmup "$WARMUP" --server-pid "$SERVER_PID" --min-ratio 0.10
run_step http --target "$URL" --path /khoa-hoc/KNS-AT-01/bai/3 --connections "$CONNECTIONS" --seconds "$DURATION" \
  --warmup "$WARMUP" --server-pid "$SERVER_PID" --min-ratio 0.10
# The same lesson and course signed in as a learner: rendered for them (their progress, their
# name), so not the anonymous copy the steps above may get.
run_step http --target "$URL" --path /khoa-hoc/KNS-AT-01/bai/3 --connections "$CONNECTIONS" --seconds "$DURATION" \
  --warmup "$WARMUP" --server-pid "$SERVER_PID" --min-ratio 0.10 --login hocvien --password 'Demo@HocVuSo2026'
run_step http --target "$URL" --path /khoa-hoc/KNS-AT-01 --connections "$CONNECTIONS" --seconds "$DURATION" \
  --warmup "$WARMUP" --server-pid "$SERVER_PID" --min-ratio 0.10 --login hocvien --password 'Demo@HocVuSo2026'
run_step login-storm --target "$URL" --login hocvien --password 'Demo@HocVuSo2026' \
  --page-connections "$CONNECTIONS" --seconds "$DURATION" --server-pid "$SERVER_PID"
run_step page-weight --target "$URL" --path /
run_step memory --pid "$SERVER_PID"
learners_step

exit "$status"
