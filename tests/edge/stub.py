"""A real HTTP server on 127.0.0.1 (a thread of the test) standing in for an edge's API or an
origin: it records every request and answers what the test tells it to."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict
    body: bytes


@dataclass
class StubServer:
    """Answers ``status`` with ``body`` (and ``headers``) to every request, or what
    ``respond(recorded)`` returns as (status, headers, body) when it is set."""

    status: int = 200
    body: bytes = b'{"status": "ok"}'
    headers: dict = field(default_factory=lambda: {"Content-Type": "application/json"})
    respond: object = None
    requests: list = field(default_factory=list)

    def __post_init__(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                recorded = Recorded(
                    self.command, self.path, dict(self.headers.items()), self.rfile.read(length)
                )
                stub.requests.append(recorded)
                if stub.respond:
                    status, headers, body = stub.respond(recorded)
                else:
                    status, headers, body = stub.status, stub.headers, stub.body
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_HEAD = do_POST = do_PURGE = do_OPTIONS = _any  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
