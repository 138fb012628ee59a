#!/usr/bin/env bash
# The Rust toolchain of rust-toolchain.toml with the wasm32 target, installed when missing, and
# the project's tools on PATH. Sourced by setup.sh, and by test.sh first, so that the tests'
# build can start while setup.sh installs the rest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TOOLCHAIN=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)

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
