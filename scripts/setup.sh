#!/usr/bin/env bash
# Installs only what is missing, then puts the project's tools on PATH. Sourced by start.sh and
# test.sh; safe to run again (a present tool at the right version is never rebuilt).
#   HOCVU_WITH_BROWSER=1  also installs Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TOOLCHAIN=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

# Each step says how long the run has taken so far (CI must stay under 50 minutes).
say() { printf '\033[1m==> [%dm%02ds] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v rustup >/dev/null; then
  echo "rustup is needed (https://rustup.rs); it was not found on PATH." >&2
  exit 1
fi
if ! rustup run "$TOOLCHAIN" rustc --version >/dev/null 2>&1; then
  say "Installing Rust ${TOOLCHAIN} with the wasm32 target"
  # A download cut short leaves a toolchain rustup lists but cannot use: start it again.
  rustup toolchain uninstall "$TOOLCHAIN" >/dev/null 2>&1 || true
  rustup toolchain install "$TOOLCHAIN" --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown
fi
if ! rustup target list --installed --toolchain "$TOOLCHAIN" | grep -q '^wasm32-unknown-unknown$'; then
  rustup target add wasm32-unknown-unknown --toolchain "$TOOLCHAIN"
fi

export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"

# The tools below only drive builds and tests: compiled with light optimisation and in parallel
# units they install in about half the time of a full release build (CI's clock counts it).
install_tool() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo "+${TOOLCHAIN}" install "$@"
}

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

# npm packages: binaryen (wasm-opt for release builds), Playwright and axe-core for the tests,
# jose (server/tests/credentials.rs verifies the Open Badges credentials with it).
if [ ! -f end2end/node_modules/.package-lock.json ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "Installing npm packages (end2end/)"
  (cd end2end && npm ci --no-audit --no-fund)
fi

# The API contract step, the test LRS (scripts/lrs.sh) and the reminder tests' SMTP server
# (scripts/smtp.sh) run pinned Python tools in venvs.
if [ "${HOCVU_WITH_BROWSER:-0}" = 1 ] && ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  say "Installing Python's venv from Debian (for scripts/api_contract.sh, lrs.sh and smtp.sh)"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
fi
if [ "${HOCVU_WITH_BROWSER:-0}" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  say "Installing Chromium from Debian"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
# Spoken lessons: espeak-ng's Vietnamese voice. Optional: without it the site runs and tells
# authors there is no spoken version, so a failed install is a warning, not a stop.
if ! command -v espeak-ng >/dev/null; then
  say "Installing espeak-ng from Debian (lessons read aloud)"
  { as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y espeak-ng; } \
    || echo "espeak-ng could not be installed: lessons will not be read aloud." >&2
fi
