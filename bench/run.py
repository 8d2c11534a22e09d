"""Run the whole benchmark and write bench/RESULTS.md:  make bench  (or python -m bench.run).

1. Reader pages: for each database (SQLite always, PostgreSQL when it answers) and each size
   (1,000 and 100,000 articles), a fresh database is migrated, filled by bench.generate and
   measured by bench.pages (queries, median and p95 server time, uncached).
2. Load: the production profile under gunicorn (2 sync workers) on the 1,000-article database
   (PostgreSQL and Redis when they answer), driven by wrk on the same machine: the bare floor view,
   the article page cached, and, with the page cache off, the article page uncached (each next to
   a fresh floor measurement from the same server run).
3. Page weight (gzip) of the article page and its CSS/JS, and Lighthouse scores for the home and
   an article page (lighthouse from npm with Debian's chromium), when npm is available.
"""

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
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


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with the production profile (bench.settings), 2 sync workers."""

    def __init__(self, database_url, **extra):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = environment(database_url, WEB_CONCURRENCY="2", **extra)
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "newsportal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--env",
                "DJANGO_SETTINGS_MODULE=bench.settings",
            ],
            cwd=BASE,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)  # noqa: S310 - local
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=15)


def wrk(url, seconds):
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label):
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), 1),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def load_test(database_url, article_path, seconds, redis_url):
    extra = {"REDIS_URL": redis_url} if redis_url else {}
    results = {}
    server = Server(database_url, **extra)
    try:
        for _ in range(50):  # warm the page cache and the workers
            urllib.request.urlopen(server.url + article_path)  # noqa: S310 - local
        results["floor (cached run)"] = wrk(f"{server.url}/bench/floor/", seconds)
        results["article, cached"] = wrk(server.url + article_path, seconds)
        results["weight"] = page_weight(server.url, article_path)
        results["lighthouse"] = lighthouse(server.url, article_path)
    finally:
        server.stop()
    server = Server(database_url, PAGE_CACHE_SECONDS="0", **extra)
    try:
        results["floor (uncached run)"] = wrk(f"{server.url}/bench/floor/", seconds)
        results["article, uncached"] = wrk(server.url + article_path, seconds)
    finally:
        server.stop()
    return results


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
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=15, help="length of each wrk run")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    vendors = ["sqlite"] + (["postgresql"] if service_answers(f"{POSTGRES}/postgres") else [])
    redis_url = REDIS if service_answers(REDIS) else ""
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "pages": {},
    }
    # The production profile serves fingerprinted static files: collect them once for every run.
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], environment("sqlite://"))
    urls = {}
    for vendor in vendors:
        for size in sizes:
            urls[(vendor, size)] = build(vendor, size)
            results["pages"][f"{vendor} {size}"] = measure_pages(urls[(vendor, size)], args.repeat)
            log(f"{vendor} {size}: {json.dumps(results['pages'][f'{vendor} {size}'])}")
    load_vendor = vendors[-1]
    article_path = results["pages"][f"{load_vendor} {sizes[0]}"]["article"]["url"]
    results["load"] = load_test(
        urls[(load_vendor, sizes[0])], article_path, args.seconds, redis_url
    )
    results["load_setup"] = (
        f"{load_vendor}, {sizes[0]} articles, Redis: {'yes' if redis_url else 'no'}"
    )
    (BENCH / "results.json").write_text(json.dumps(results, indent=2))
    from bench.report import write_report

    write_report(results, BENCH / "RESULTS.md")
    log("wrote bench/RESULTS.md")


if __name__ == "__main__":
    main()
