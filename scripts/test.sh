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
source scripts/setup.sh

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
run() { "$@" 2>&1 | tee -a "$LOG"; }

say "Building the release server and the wasm bundle"
cargo leptos build --release -P
say "API contract (openapi-spec-validator, Schemathesis)"; bash scripts/api_contract.sh

# The LRS the xAPI tests send to (Ralph, from PyPI, into target/lrs-venv; once).
say "Installing the test LRS (scripts/lrs.sh)"; bash scripts/lrs.sh install
# The reminder tests (server/tests/reminders.rs) mail a real SMTP server: aiosmtpd, pinned, in
# a venv under target/ (installed once, about 15 s; reused afterwards).
say "SMTP server for the reminder tests (aiosmtpd)"; bash scripts/smtp.sh install

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
