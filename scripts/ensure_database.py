"""Create the PostgreSQL database named in a postgres:// URL if it does not exist yet.

Used by `make serve` and the benchmark, so they run on a fresh machine whose server has only its
default databases.
"""

import sys
from urllib.parse import urlsplit

import psycopg
from psycopg import sql


def main(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")


if __name__ == "__main__":
    main(sys.argv[1])
