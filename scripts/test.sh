#!/usr/bin/env bash
# The whole test suite: Rust tests on SQLite, again on PostgreSQL (a fresh database per test),
# and the browser tests in Debian's Chromium against the release build.
#   HOCVU_TEST_PG=postgres://...   the PostgreSQL server to test on (default: 127.0.0.1:5432)
#   HOCVU_REQUIRE_PG=1             a missing PostgreSQL is an error, not a skipped suite (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
export HOCVU_WITH_BROWSER=1
# One clean build: incremental compilation only adds files (about 11 GB) and time to it.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# A snapshot that differs, or is missing, fails the test instead of being written.
export INSTA_UPDATE=no
LOG=$(mktemp)
TEST_BUILD_LOG=$(mktemp)
PY_LOG=$(mktemp)
# A run stopped early stops its background jobs too.
trap 'kill $(jobs -p) 2>/dev/null || true; rm -f "$LOG" "$TEST_BUILD_LOG" "$PY_LOG"' EXIT
run() { "$@" 2>&1 | tee -a "$LOG"; }

# One build of the server: the tests' (the dev profile, in target/debug), which the Rust tests,
# the API contract and the browser tests all run; cargo-leptos builds only the wasm bundle and
# the site beside it. The tests' build needs nothing but the toolchain, so it runs beside the
# tools' installs and the wasm build (a lock of its own) and fills the time those leave a core
# idle (links, the wasm's single-unit optimisation, wasm-opt). nextest below finds it done: the
# same cargo command, features and environment.
source scripts/toolchain.sh
say "Building the tests in the background"
cargo test --workspace --no-run >"$TEST_BUILD_LOG" 2>&1 &
TEST_BUILD_PID=$!
source scripts/setup.sh

# The pinned Python tools, each in a venv under target/ (installed once, reused afterwards),
# from PyPI while the wasm compiles: the API contract's validator and Schemathesis,
# the LRS the xAPI tests send to (Ralph), the SMTP server the reminder tests mail (aiosmtpd).
{ bash scripts/api_contract.sh install && bash scripts/lrs.sh install && bash scripts/smtp.sh install; } \
  >"$PY_LOG" 2>&1 &
PY_PID=$!

say "Building the wasm bundle and the site (release)"
cargo leptos build --release --frontend-only -P
if ! wait "$PY_PID"; then
  cat "$PY_LOG" >&2
  echo "Installing the Python test tools failed (above)." >&2
  exit 1
fi
say "Waiting for the tests' build"
if ! wait "$TEST_BUILD_PID"; then
  cat "$TEST_BUILD_LOG" >&2
  echo "Building the tests failed (above)." >&2
  exit 1
fi
# The server the tests built, with the hash file that names the site's hashed files beside it.
export HOCVU_BIN=target/debug/hocvu
cp target/release/hash.txt target/debug/hash.txt
say "API contract (openapi-spec-validator, Schemathesis)"; bash scripts/api_contract.sh

# cargo-nextest (on the machine, or installed by setup.sh) runs each test in its own process,
# with the time limit and retry policy of .config/nextest.toml.
# One build of the tests for both engines: every run below selects the whole workspace, so
# cargo unifies the same features each time (the app gets `ssr` from the server) and never
# builds a dependency twice; the PostgreSQL run only filters which tests run.
say "Rust tests on SQLite"
run cargo nextest run --workspace
say "Rust tests on SQLite done"
# Each integration test had a SQLite file of its own (about 1.5 MB with its log).
rm -f "${TMPDIR:-/tmp}"/hocvu-test-*.db "${TMPDIR:-/tmp}"/hocvu-test-*.db-wal "${TMPDIR:-/tmp}"/hocvu-test-*.db-shm

PG_URL="${HOCVU_TEST_PG:-postgres://postgres@127.0.0.1:5432/postgres}"
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null || [ -n "${HOCVU_TEST_PG:-}" ]; then
  say "Rust integration tests on PostgreSQL ($PG_URL)"
  HOCVU_TEST_PG="$PG_URL" run cargo nextest run --workspace -E 'package(server) and kind(test)'
  if command -v psql >/dev/null; then
    psql "$PG_URL" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'hocvu_t_%'" 2>/dev/null \
      | while read -r db; do psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
  fi
elif [ "${HOCVU_REQUIRE_PG:-0}" = 1 ]; then
  echo "PostgreSQL is required (HOCVU_REQUIRE_PG=1) but nothing answers on 127.0.0.1:5432." >&2
  exit 1
else
  echo "!!! NOTICE: PostgreSQL not found on 127.0.0.1:5432 — the PostgreSQL suite was SKIPPED." >&2
fi

say "Browser tests (Playwright, Debian Chromium)"
(cd end2end && run npx playwright test)

# grep finds nothing when nothing failed or was flaky: that is not an error here.
count() { { grep -Eo "$1" "$LOG" || true; } | awk -v f="$2" '{s+=$f} END {print s+0}'; }
passed=$(count '[0-9]+ tests? run: [0-9]+ passed' 4)
flaky=$(count '[0-9]+ flaky' 1)
# Failures as the runners sum them up: nextest's summary line and Playwright's own line. A flaky
# test's first try prints libtest's "test result: FAILED. 0 passed; 1 failed" in its output:
# that is a retry, counted above, not a failure.
failed=$(( $({ grep -E 'tests? run:' "$LOG" || true; } | { grep -Eo '[0-9]+ failed' || true; } | awk '{s+=$1} END {print s+0}') + $(count '^ +[0-9]+ failed' 1) ))
e2e=$(count '^ +[0-9]+ passed' 1)
echo
say "Done"
echo "total: $((passed + e2e)) passed (${flaky} only on a retry), ${failed} failed"
[ "$failed" = 0 ]
