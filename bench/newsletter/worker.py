"""One `manage.py newsletter_worker` process (db_worker plus the digest watchdog) that reports its
peak memory when it stops."""

import json
import os
import resource
import sys
import time

import django


def main():
    out, worker_id = sys.argv[1], sys.argv[2]
    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    try:
        call_command(
            "newsletter_worker",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0.2",
            "--worker-id",
            worker_id,
            verbosity=0,
        )
    except SystemExit:
        pass
    finally:
        with open(out, "w") as handle:
            json.dump(
                {
                    "pid": os.getpid(),
                    "seconds": time.monotonic() - started,
                    # Linux reports kilobytes.
                    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                },
                handle,
            )


if __name__ == "__main__":
    main()
