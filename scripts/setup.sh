#!/usr/bin/env bash
# Installs only what is missing, then puts the project's tools on PATH. Sourced by start.sh and
# test.sh; safe to run again (a present tool at the right version is never rebuilt).
#   HOCVU_WITH_BROWSER=1  also installs Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/toolchain.sh
CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

# The tools below only drive builds and tests: compiled with light optimisation and in parallel
# units they install in about half the time of a full release build (CI's clock counts it).
install_tool() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo "+${TOOLCHAIN}" install "$@"
}

# Debian's packages and npm's download while cargo compiles below (CI's clock counts both):
# one background job, its output kept and shown when it is done.
background_installs() {
  local want=()
  if [ "${HOCVU_WITH_BROWSER:-0}" = 1 ] && ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    want+=(python3-venv) # scripts/api_contract.sh, lrs.sh and smtp.sh run pinned tools in venvs
  fi
  [ "${HOCVU_WITH_BROWSER:-0}" = 1 ] && [ ! -x /usr/bin/chromium ] && want+=(chromium)
  if [ ${#want[@]} -gt 0 ] || ! command -v espeak-ng >/dev/null; then
    echo "Debian packages: ${want[*]} espeak-ng"
    as_root apt-get update -q
    if [ ${#want[@]} -gt 0 ]; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${want[@]}"
    fi
    # Spoken lessons: espeak-ng's Vietnamese voice. Optional: without it the site runs and
    # tells authors there is no spoken version, so a failed install is a warning, not a stop.
    if ! command -v espeak-ng >/dev/null; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q espeak-ng \
        || echo "espeak-ng could not be installed: lessons will not be read aloud." >&2
    fi
  fi
  # npm packages: binaryen (wasm-opt for release builds), Playwright and axe-core for the
  # tests, jose (server/tests/credentials.rs verifies the Open Badges credentials with it).
  if [ ! -f end2end/node_modules/.package-lock.json ] \
    || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    echo "npm packages (end2end/)"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
}
BACKGROUND_LOG=$(mktemp)
background_installs >"$BACKGROUND_LOG" 2>&1 &
BACKGROUND_PID=$!
say "Installing Debian and npm packages in the background (log: $BACKGROUND_LOG)"

if [ "$(cargo leptos --version 2>/dev/null || true)" != "cargo-leptos ${CARGO_LEPTOS_VERSION}" ]; then
  say "Installing cargo-leptos ${CARGO_LEPTOS_VERSION} (several minutes, once)"
  install_tool cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen ${WASM_BINDGEN_VERSION}" ]; then
  say "Installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (matches Cargo.lock)"
  install_tool wasm-bindgen-cli --version "=${WASM_BINDGEN_VERSION}"
fi

if ! cargo nextest --version >/dev/null 2>&1; then
  say "Installing cargo-nextest (the test runner of scripts/test.sh)"
  install_tool cargo-nextest --locked
fi

if wait "$BACKGROUND_PID"; then
  say "Debian and npm packages are in place"
  rm -f "$BACKGROUND_LOG"
else
  cat "$BACKGROUND_LOG" >&2
  echo "Installing Debian or npm packages failed (above)." >&2
  exit 1
fi
