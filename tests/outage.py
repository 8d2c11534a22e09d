"""A database that cannot be reached, for tests: every query of the request fails to connect."""

import socket
from contextlib import contextmanager
from unittest import mock

from django.db import connections


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@contextmanager
def database_unreachable(alias="default"):
    """Each use of the connection makes a real connection attempt that fails, as the driver
    reports it when the server is down: PostgreSQL on a closed port, SQLite on a file it cannot
    open. Wrapped by Django into django.db.OperationalError, as in production."""
    connection = connections[alias]

    def fail_to_connect():
        params = connection.get_connection_params()
        if connection.vendor == "postgresql":
            params.update(host="127.0.0.1", port=closed_port(), connect_timeout=1)
        else:
            params.update(database="file:/nonexistent-folder/newsportal.sqlite3?mode=rw", uri=True)
        with connection.wrap_database_errors:
            connection.get_new_connection(params)

    with mock.patch.object(connection, "ensure_connection", fail_to_connect):
        yield
