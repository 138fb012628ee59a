"""An SMTP sink for tests (aiosmtpd): accepts every message on 127.0.0.1:PORT and writes it
into DIR as NNNNNN.eml (the raw message) beside NNNNNN.rcpt (its envelope recipients, one a
line); the .eml appears last, whole (written under another name, then renamed).

DIR/rules.json, read at each RCPT TO, makes it refuse recipients:
  {"a@x.vn": "550 5.1.1 No such user"}          always this reply
  {"b@x.vn": ["451 4.3.0 Try again later"]}      these replies in turn, then accepted
Prints "ready" on stdout once listening; SIGTERM or SIGINT stops it cleanly."""
import argparse
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.dir = directory
        self.count = 0
        self.tries = {}
        self.lock = threading.Lock()

    def rules(self):
        try:
            with open(os.path.join(self.dir, "rules.json"), encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        rule = self.rules().get(address.lower())
        if isinstance(rule, str):
            return rule
        if isinstance(rule, list):
            with self.lock:
                k = self.tries.get(address.lower(), 0)
                self.tries[address.lower()] = k + 1
            if k < len(rule):
                return rule[k]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.dir, "%06d" % n)
        with open(base + ".rcpt", "w", encoding="utf-8") as f:
            f.write("\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 2.0.0 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    sys.exit(0)


if __name__ == "__main__":
    main()
