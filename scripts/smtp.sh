#!/usr/bin/env bash
# A real SMTP server for the reminder tests (server/tests/reminders.rs) and the throughput
# figure: PyPI aiosmtpd (pinned) in a venv under target/, running scripts/smtp_sink.py.
#   bash scripts/smtp.sh install          installs the venv when missing (once; about 5 s)
#   bash scripts/smtp.sh serve PORT DIR   installs if missing, then serves on 127.0.0.1:PORT in
#                                         the foreground, writing each message into DIR; stops
#                                         cleanly on SIGTERM/SIGINT
# Rules in DIR/rules.json make it refuse recipients (see smtp_sink.py).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=target/smtp-venv
# Pinned: a new release must not change what the tests see by itself.
AIOSMTPD_VERSION=1.4.6
want="aiosmtpd==$AIOSMTPD_VERSION"

install() {
  mkdir -p target
  # Tests run in parallel: one installs, the others wait for it.
  exec 9>target/smtp-venv.lock
  flock 9
  if [[ "$(cat "$VENV/.pinned" 2>/dev/null)" != "$want" ]]; then
    echo "smtp.sh: installing $want into $VENV" >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "$want"
    echo "$want" >"$VENV/.pinned"
  fi
  flock -u 9
}

case "${1:-}" in
  install)
    install
    ;;
  serve)
    [[ $# -eq 3 ]] || { echo "usage: smtp.sh serve PORT DIR" >&2; exit 2; }
    install
    exec "$VENV/bin/python" scripts/smtp_sink.py --port "$2" --dir "$3"
    ;;
  *)
    echo "usage: smtp.sh install | serve PORT DIR" >&2
    exit 2
    ;;
esac
