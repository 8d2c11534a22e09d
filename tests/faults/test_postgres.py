"""PostgreSQL stopped, hung and back, under the production profile on gunicorn with Redis.

What readers may see, and no more: a page the page cache holds, however old (within
PAGE_CACHE_STALE_SECONDS), as it was (200, ``X-Page-Cache: stale``); any other page the 503 page
in the site's design with ``Retry-After``; never a 500; each within a bounded time (a refused
connection at once; a hung server within DATABASE_WAIT_LIMIT_SECONDS, the statement timeout plus
a second, on a connection already open, or the connect timeout on a new one). Once PostgreSQL is
back, fresh pages within seconds: the persistent connections are health-checked and made again.
"""

import json
import time

from .infra import Site, run_manage

ROUNDS = 4  # each path several times, so that both workers answer it
STOPPED_BOUND = 2.0  # seconds: a refused connection fails at once
# DATABASE_WAIT_LIMIT_SECONDS (statement timeout 5 s + 1), the watchdog's look every 0.5 s, and
# slack for a loaded machine; after a worker's first request, the connect timeout (3 s) instead.
HUNG_BOUND = 6 + 1 + 2

# A reader's page while the database is away: the page cache's last copy ("stale"), or a story
# page built from cached fragments without a query ("miss"), kept and served again ("hit").
# The home page needs the database: only its last copy can be served.
SERVED_WITHOUT_THE_DATABASE = {"stale", "miss", "hit"}


def served_without_the_database(path, response):
    expected = {"stale"} if path == "/" else SERVED_WITHOUT_THE_DATABASE
    return response.status == 200 and response.headers["X-Page-Cache"] in expected


def _published_story_paths(site):
    script = (
        "import json; from articles.models import Article; "
        "print(json.dumps([a.get_absolute_url() for a in Article.objects.published()]))"
    )
    return json.loads(run_manage(site.env, "shell", "-c", script).stdout.strip().splitlines()[-1])


def _is_the_503_page(response):
    return (
        response.status == 503
        and response.headers.get("Retry-After") == "60"
        and 'class="masthead__title"' in response.text
        and "try again in a minute" in response.text
    )


def _visit(site, paths, rounds=ROUNDS):
    return [(path, site.get(path, timeout=40)) for _ in range(rounds) for path in paths]


def _report(phase, answers):
    by_path = {}
    for path, response in answers:
        by_path.setdefault(path, []).append(response)
    print(f"\n{phase}:")
    for path, responses in by_path.items():
        statuses = sorted({(r.status, r.headers.get("X-Page-Cache", "-")) for r in responses})
        slowest = max(r.seconds for r in responses)
        print(f"  {path[:48]:48} {statuses} slowest {slowest:.2f} s")


def _recovery_seconds(site, paths, timeout=30):
    """Seconds until a story is rendered fresh again, then every path must be."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        response = site.get(paths[1], timeout=10)
        if response.status == 200 and response.headers.get("X-Page-Cache") != "stale":
            break
        time.sleep(0.1)
    recovery = time.monotonic() - started
    answers = _visit(site, paths, rounds=2)
    _report("  then", answers)
    assert all(r.status == 200 and r.headers.get("X-Page-Cache") != "stale" for _, r in answers)
    return recovery


def test_readers_get_stale_pages_or_the_503_page_while_postgresql_is_down_or_hung(
    throwaway_postgres, throwaway_redis
):
    site = Site(
        {
            "DATABASE_URL": throwaway_postgres.url("newsportal_dbdown"),
            "REDIS_URL": throwaway_redis.url(0),
            "PAGE_CACHE_SECONDS": "1",  # every copy is past its freshness when the fault begins
        }
    )
    try:
        run_manage(site.env, "load_demo_newsroom", "--articles", "30")
        stories = _published_story_paths(site)
        visited = ["/", stories[0], stories[1], stories[2]]
        unvisited, unvisited_until_hung = stories[-1], stories[-2]
        for path, response in _visit(site, visited, rounds=1):
            assert response.status == 200 and response.headers["X-Page-Cache"] == "miss", path
        time.sleep(1.5)

        # --- stopped (pg_ctl stop -m fast): connections refused
        throwaway_postgres.stop()
        stale = _visit(site, visited)
        missing = _visit(site, [unvisited])
        health = _visit(site, ["/healthz"])
        _report("PostgreSQL stopped", stale + missing + health)
        for path, response in stale:
            # The last copy, or a story page built from the fragment cache alone (it needs no
            # database once its fragments are warm: articles/fragments.py).
            assert served_without_the_database(path, response), (path, response.headers)
            assert response.seconds < STOPPED_BOUND, (path, response.seconds)
        assert all(_is_the_503_page(r) and r.seconds < STOPPED_BOUND for _, r in missing)
        assert all(r.status == 503 and r.seconds < STOPPED_BOUND for _, r in health)

        # --- back
        throwaway_postgres.start()
        recovery = _recovery_seconds(site, [*visited, unvisited, "/healthz"])
        print(f"\nPostgreSQL started again: a fresh page after {recovery:.2f} s")
        assert recovery < 5

        # --- hung (SIGSTOP): connections accepted, nothing answers; pooled connections open
        time.sleep(1.5)  # the copies made since are past their freshness again
        throwaway_postgres.pause()
        stale = _visit(site, [*visited, unvisited], rounds=2)  # up to 3 s each from here
        missing = _visit(site, [unvisited_until_hung], rounds=2)
        health = _visit(site, ["/healthz"], rounds=2)
        _report("PostgreSQL hung", stale + missing + health)
        for path, response in stale:
            assert served_without_the_database(path, response), (path, response.headers)
            assert response.seconds < HUNG_BOUND, (path, response.seconds)
        assert all(_is_the_503_page(r) and r.seconds < HUNG_BOUND for _, r in missing)
        assert all(r.status == 503 and r.seconds < HUNG_BOUND for _, r in health)

        throwaway_postgres.resume()
        recovery = _recovery_seconds(site, [*visited, unvisited_until_hung, "/healthz"])
        print(f"\nPostgreSQL resumed: a fresh page after {recovery:.2f} s")
        assert recovery < 5

        log = site.log_text()
        outage_lines = log.count("Database unavailable")
        print(f"\ngunicorn log: {outage_lines} outage lines, {log.count('Traceback')} tracebacks")
        assert "Internal Server Error" not in log
    finally:
        site.stop()
