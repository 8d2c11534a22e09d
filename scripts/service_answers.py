"""Exit 0 when the PostgreSQL or Redis server named by a URL answers within two seconds, 1 otherwise.

The Makefile uses it to decide whether the suite also runs against those services.
"""

import socket
import sys
from urllib.parse import urlsplit


def answers(url: str) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    default_port = {"redis": 6379, "rediss": 6379}.get(parts.scheme, 5432)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 2
        ):
            pass
    except OSError:
        return False
    if parts.scheme.startswith("postgres"):
        import psycopg

        try:
            # The maintenance database: the test run creates its own.
            psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=2).close()
        except psycopg.Error:
            return False
    return True


if __name__ == "__main__":
    sys.exit(0 if answers(sys.argv[1] if len(sys.argv) > 1 else "") else 1)
