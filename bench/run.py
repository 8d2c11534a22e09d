"""Run the whole benchmark and write bench/RESULTS.md:  make bench  (or python -m bench.run).

1. Reader pages: for each database (SQLite always, PostgreSQL when it answers) and each size
   (1,000 and 100,000 articles), a fresh database is migrated, filled by bench.generate and
   measured by bench.pages (queries, median and p95 server time, uncached).
2. Load (bench/live.py): the floor (a bare Django app, bench/floor/), the story page from the
   app's cache and for a signed-in reader, the live mix (reads while readers comment and an
   editor saves) through the app alone and through Varnish, and how fast an edit and a scheduled
   story reach the edge; on the 1,000-article PostgreSQL database with Redis. bench/README.md.
3. Page weight (gzip) of the article page and its CSS/JS, and Lighthouse scores for the home and
   an article page (lighthouse from npm with Debian's chromium), when npm is available.
4. Live coverage (bench/live_coverage.py): the update endpoint readers poll, quiet and while an
   editor posts, and the live page at 10 and 1,000 updates, against the floor; same database.
"""

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
BENCH = BASE / "bench"
WORK = Path(os.environ.get("BENCH_WORKDIR", "/tmp/newsportal-bench"))
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
PYTHON = sys.executable


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def service_answers(url):
    return subprocess.run([PYTHON, "scripts/service_answers.py", url], cwd=BASE).returncode == 0


def environment(database_url, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY="bench-" + "s" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        REQUEST_LOG="false",
        MEDIA_ROOT=str(WORK / "media"),
        STATIC_ROOT=str(WORK / "static"),
        REDIS_URL="",
    )
    env.update(extra)
    return env


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=BASE, env=env, check=True, **kwargs)


def fresh_database(vendor, size):
    if vendor == "sqlite":
        path = WORK / f"bench-{size}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    name = f"newsportal_bench_{size}"
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return f"{POSTGRES}/{name}"


def build(vendor, size):
    url = fresh_database(vendor, size)
    env = environment(url)
    started = time.monotonic()
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run(
        [
            PYTHON,
            "-m",
            "bench.generate",
            "--articles",
            str(size),
            "--comments",
            str(size * 10),
            "--subscribers",
            str(size),
        ],
        env,
    )
    log(f"{vendor} with {size} articles built in {time.monotonic() - started:.0f} s")
    return url


def measure_pages(url, repeat):
    output = run(
        [PYTHON, "-m", "bench.pages", "--repeat", str(repeat)],
        environment(url),
        capture_output=True,
        text=True,
    )
    return json.loads(output.stdout)


class Server:
    """The site under gunicorn (production profile, 2 sync workers), for page weight and
    Lighthouse."""

    def __init__(self, env):
        from bench.live import Gunicorn

        self.workdir = WORK / "logs"
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.gunicorn = Gunicorn("newsportal.wsgi", env, self.workdir, "site-weight")
        self.url = self.gunicorn.url

    def stop(self):
        self.gunicorn.stop()


def load_environment(database_url, redis_url):
    """The site's environment for the load runs: Redis for the cache when it answers, the
    database task queue (the worker runs `manage.py newsletter_worker`), a cache key prefix of
    this run's own, so nothing cached by an earlier run is served."""
    return environment(
        database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"bench-{int(time.time())}",
        TASKS_BACKEND="db",
        EMAIL_URL="dummymail://",
        NEWSLETTER_SCHEDULE="false",
        BENCH_PYTHON=PYTHON,
    )


def page_weight(base_url, article_path):
    html = urllib.request.urlopen(base_url + article_path).read()  # noqa: S310 - local
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    asset_bytes = sum(
        len(gzip.compress(urllib.request.urlopen(base_url + a.decode()).read()))  # noqa: S310
        for a in set(assets)
    )
    return {
        "html_kb_gzip": round(len(gzip.compress(html)) / 1024, 1),
        "html_kb_raw": round(len(html) / 1024, 1),
        "css_js_kb_gzip": round(asset_bytes / 1024, 1),
    }


def lighthouse(base_url, article_path):
    binary = BENCH / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists() and shutil.which("npm"):
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(BENCH),
                "--no-save",
                "--no-audit",
                "--no-fund",
                "lighthouse@12",
            ],
            check=False,
            capture_output=True,
        )
    if not binary.exists():
        return {"skipped": "lighthouse could not be installed from npm"}
    scores = {}
    for name, path in (("home", "/"), ("article", article_path)):
        completed = subprocess.run(
            [
                str(binary),
                base_url + path,
                "--quiet",
                "--output=json",
                "--chrome-flags=--headless --no-sandbox --disable-gpu",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        )
        try:
            categories = json.loads(completed.stdout)["categories"]
            scores[name] = {key: round(value["score"] * 100) for key, value in categories.items()}
        except (json.JSONDecodeError, KeyError, TypeError):
            scores[name] = {"error": completed.stderr[-300:]}
    return scores


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--only",
        choices=("all", "pages", "load", "live"),
        default="all",
        help="pages: server time per page (databases and sizes); load: floor, live mix, edge; "
        "live: live coverage's update endpoint and live page",
    )
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=10, help="length of each single-page run")
    parser.add_argument("--mix-seconds", type=int, default=30, help="length of each live-mix run")
    parser.add_argument("--vcl", default=str(BASE / "deploy" / "varnish" / "default.vcl"))
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    vendors = ["sqlite"] + (["postgresql"] if service_answers(f"{POSTGRES}/postgres") else [])
    redis_url = REDIS if service_answers(REDIS) else ""
    results_path = BENCH / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    results.update(
        {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}",
            "commit": git_commit(),
        }
    )
    # The production profile serves fingerprinted static files: collect them once for every run.
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], environment("sqlite://"))
    urls = {}
    if args.only in ("all", "pages"):
        results["pages"] = {}
        results["pages_run"] = f"{results['date']}, commit {results['commit']}"
        for vendor in vendors:
            for size in sizes:
                urls[(vendor, size)] = build(vendor, size)
                results["pages"][f"{vendor} {size}"] = measure_pages(
                    urls[(vendor, size)], args.repeat
                )
                log(f"{vendor} {size}: {json.dumps(results['pages'][f'{vendor} {size}'])}")
    if args.only in ("all", "load"):
        from bench.live import run_load

        load_vendor = vendors[-1]
        url = urls.get((load_vendor, 1000)) or build(load_vendor, 1000)
        urls[(load_vendor, 1000)] = url  # the live-coverage runs use it too
        env = load_environment(url, redis_url)
        results["load"] = run_load(
            env,
            WORK / "logs",
            seconds=args.seconds,
            mix_seconds=args.mix_seconds,
            vcl=args.vcl,
        )
        results["load_run"] = f"{results['date']}, commit {results['commit']}"
        results["load_setup"] = (
            f"{load_vendor}, 1,000 stories, Redis: {'yes' if redis_url else 'no'}"
        )
        server = Server(env)
        try:
            path = results["load"]["story_path"]
            results["load"]["weight"] = page_weight(server.url, path)
            results["load"]["lighthouse"] = lighthouse(server.url, path)
        finally:
            server.stop()
    if args.only in ("all", "live"):
        from bench.live_coverage import run_live

        load_vendor = vendors[-1]
        url = urls.get((load_vendor, 1000)) or build(load_vendor, 1000)
        results["live_coverage"] = run_live(
            load_environment(url, redis_url), WORK / "logs", seconds=args.seconds
        )
        results["live_coverage_run"] = (
            f"{results['date']}, commit {results['commit']}; {load_vendor}, 1,000 stories, "
            f"Redis: {'yes' if redis_url else 'no'}"
        )
    results_path.write_text(json.dumps(results, indent=2))
    from bench.report import write_report

    write_report(results, BENCH / "RESULTS.md")
    log("wrote bench/RESULTS.md")


def git_commit():
    """The commit measured, marked dirty when the work tree has changes."""
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=BASE, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=BASE,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return commit + (" (with uncommitted changes)" if dirty else "")


if __name__ == "__main__":
    main()
