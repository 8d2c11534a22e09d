"""Requests or service calls racing each other in threads, for the PostgreSQL concurrency tests."""

import threading

from django.db import connections


def race(targets):
    """Run each callable in a thread of its own, all released at once; the errors they raised."""
    barrier = threading.Barrier(len(targets))
    errors = []

    def run(target):
        try:
            barrier.wait()
            target()
        except Exception as error:  # noqa: BLE001 - collected and asserted on by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=[target]) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
