"""A local SMTP server that accepts everything and writes one line per recipient:
"<recipient>\t<Message-ID>". Used by the newsletter benchmark as the mail server."""

import argparse
import re
import signal
import threading

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Sink:
    def __init__(self, out):
        self.out = out
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        match = MESSAGE_ID.search(envelope.original_content or envelope.content)
        message_id = match.group(1).decode() if match else "-"
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.out.write(f"{recipient}\t{message_id}\n")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.out, "w", buffering=1 << 16) as out:
        controller = Controller(Sink(out), hostname="127.0.0.1", port=args.port)
        controller.start()
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        print("ready", flush=True)
        stop.wait()
        controller.stop()


if __name__ == "__main__":
    main()
