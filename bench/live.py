"""Throughput against the bare floor, the live mix (reads while the newsroom writes), through the
app alone and through Varnish, and how fast an edit and a scheduled story reach the edge.

    python -m bench.run --only load        (bench/run.py builds the database, then calls run_load)

Every process here is a real one on loopback: the floor (bench/floor/) and the site under the
same gunicorn.conf.py (2 sync workers) from the same venv, the task worker
(`manage.py newsletter_worker`), varnishd with deploy/varnish/default.vcl, the commenters
(bench/live_comments.py) and the editor (bench/live_django.py), and wrk. The method and its
caveats are in bench/README.md.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.live_comments import log_in

BASE = Path(__file__).resolve().parent.parent
BENCH = BASE / "bench"
HOME_SHARE = 0.2  # one read in five is the home page; the rest spread evenly over the stories


def log(message):
    import sys

    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, headers=None, timeout=10):
    """(status, headers, body) without following redirects."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - local
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=timeout) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Process:
    """A child process of ours, in its own process group, stopped by its pid."""

    def __init__(self, args, env, log_path, **kwargs):
        self.log_path = log_path
        self.log_file = open(log_path, "ab")  # noqa: SIM115 - open for the process's life
        self.process = subprocess.Popen(
            args,
            cwd=BASE,
            env=env,
            stdout=kwargs.pop("stdout", self.log_file),
            stderr=self.log_file,
            start_new_session=True,
            **kwargs,
        )

    def stop(self, timeout=20):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log_file.close()


class Gunicorn(Process):
    """gunicorn.conf.py (2 sync workers) serving ``app`` (a WSGI module) on a free port."""

    def __init__(self, app, env, workdir, name, port=None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **env,
            "WEB_CONCURRENCY": "2",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "PORT": str(self.port),
        }
        super().__init__(
            [env["BENCH_PYTHON"], "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
            env,
            workdir / f"{name}.log",
        )
        wait_until_answers(self.url + ("/healthz" if "newsportal" in app else "/"), self)


def wait_until_answers(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.process.poll() is not None:
            raise RuntimeError(f"{process.log_path} exited: {process.log_path.read_text()[-2000:]}")
        try:
            if get(url, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


class Varnish:
    """varnishd with the project's VCL, its backend pointed at ``backend_port``."""

    def __init__(self, vcl, backend_port, workdir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = Path(tempfile.mkdtemp(prefix="varnish-", dir=workdir))
        os.chmod(self.dir, 0o755)  # noqa: S103 - varnishd's own user reads its work folder
        self.vcl = self.dir / "bench.vcl"
        self.vcl.write_text(point_backend(Path(vcl).read_text(), backend_port))
        os.chmod(self.vcl, 0o644)
        self.pidfile = self.dir / "varnishd.pid"
        subprocess.run(
            [
                "varnishd",
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(self.vcl),
                "-s",
                "malloc,256m",
                "-n",
                str(self.dir),
                "-P",
                str(self.pidfile),
            ],
            check=True,
            capture_output=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                get(self.url + "/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("varnishd did not answer")

    def counters(self):
        names = (
            "cache_hit",
            "cache_miss",
            "cache_hitpass",
            "cache_hitmiss",
            "s_pass",
            "client_req",
        )
        output = subprocess.run(
            [
                "varnishstat",
                "-n",
                str(self.dir),
                "-1",
                *[a for n in names for a in ("-f", f"MAIN.{n}")],
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found = dict(re.findall(r"^MAIN\.(\w+)\s+(\d+)", output, re.M))
        return {name: int(found.get(name, 0)) for name in names}

    def stop(self):
        if self.pidfile.exists():
            pid = int(self.pidfile.read_text().split()[0])
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                return
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    return
                time.sleep(0.1)


def point_backend(vcl, port):
    """The VCL with its (first) backend's .host and .port set to the bench's gunicorn."""
    match = re.search(r"backend\s+\w+\s*\{", vcl)
    if not match:
        raise RuntimeError("the VCL defines no backend")
    start = match.end()
    end = vcl.index("\n}", start)
    block = vcl[start:end]
    block = re.sub(r'\.host\s*=\s*"[^"]*"\s*;', '.host = "127.0.0.1";', block, count=1)
    block = re.sub(r'\.port\s*=\s*"[^"]*"\s*;', f'.port = "{port}";', block, count=1)
    return vcl[:start] + block + vcl[end:]


def wrk(url, seconds, *, script=None, headers=()):
    # A 10 s timeout (wrk's default is 2 s): a slow answer is counted in the latencies, not
    # dropped as a socket error.
    args = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if script:
        args += ["-s", str(script)]
    for header in headers:
        args += ["-H", header]
    output = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout

    def latency(label):
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return round(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), 1),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": dict(
            zip(
                ("connect", "read", "write", "timeout"),
                map(int, socket_errors.groups()),
                strict=True,
            )
        )
        if socket_errors
        else {},
    }


def mix_script(paths, workdir):
    """A wrk script that sends one read in five to the home page and the rest evenly to the
    stories, each thread with its own random sequence."""
    listed = ",\n".join(f'  "{path}"' for path in paths)
    script = workdir / "mix.lua"
    script.write_text(
        f"""-- Written by bench/live.py: the live mix's reads.
local paths = {{
{listed}
}}
local home_share = {HOME_SHARE}
local next_seed = 1

function setup(thread)
  thread:set("seed", next_seed)
  next_seed = next_seed + 1
end

function init(args)
  math.randomseed(seed * 7919)
end

function request()
  local path = "/"
  if math.random() >= home_share then
    path = paths[math.random(#paths)]
  end
  return wrk.format("GET", path)
end
"""
    )
    return script


class Writers:
    """The commenters (one comment a second, over HTTP) and the editor (a story saved every
    5 seconds, through the ORM with the site's settings), until stopped."""

    def __init__(self, env, workdir, origin, readers_file, story_ids, home_ids, name):
        python = env["BENCH_PYTHON"]
        self.comments = Process(
            [
                python,
                "-m",
                "bench.live_comments",
                "--front",
                origin,
                "--readers",
                str(readers_file),
            ],
            env,
            workdir / f"comments-{name}.log",
            stdout=subprocess.PIPE,
        )
        self.editor = Process(
            [
                python,
                "-m",
                "bench.live_django",
                "editor",
                "--stories",
                json.dumps(story_ids),
                "--home-stories",
                json.dumps(home_ids),
            ],
            env,
            workdir / f"editor-{name}.log",
            stdout=subprocess.PIPE,
        )
        self.started = time.monotonic()

    def stop(self):
        summary = {"seconds": round(time.monotonic() - self.started, 1)}
        for process in (self.comments, self.editor):
            process.stop()
            output = process.process.stdout.read().decode().strip().splitlines()
            if process.process.returncode not in (0, -signal.SIGTERM) or not output:
                raise RuntimeError(f"a writer failed: {process.log_path.read_text()[-2000:]}")
            summary.update(json.loads(output[-1]))
        return summary


def varnish_window(varnish, measure):
    # Varnish's workers add their counts to the shared counters when a connection ends and
    # now and then: a moment's wait lets the counts of the window's last connections arrive.
    time.sleep(1.5)
    before = varnish.counters()
    result = measure()
    time.sleep(1.5)
    after = varnish.counters()
    delta = {name: after[name] - before[name] for name in after}
    looked_up = delta["cache_hit"] + delta["cache_miss"] + delta["s_pass"]
    result["edge"] = delta
    result["hit_ratio"] = round(delta["cache_hit"] / looked_up, 4) if looked_up else None
    return result


FLOOR_SECONDS = 10


def against_floor(floor_url, measure):
    """``measure()`` (a wrk result), with a floor run of its own just before it: on a machine
    whose load drifts (other processes, CPU frequency), each ratio compares two runs made
    seconds apart."""
    floor = wrk(floor_url, FLOOR_SECONDS)
    result = measure()
    result["floor_rps"] = floor["rps"]
    result["floor"] = floor
    result["ratio"] = round(result["rps"] / floor["rps"], 4)
    return result


def run_load(env, workdir, *, seconds, mix_seconds, vcl):
    """Every throughput and freshness figure of the results, in one run (see the README)."""
    workdir.mkdir(parents=True, exist_ok=True)
    python = env["BENCH_PYTHON"]
    setup = run_django(env, "setup")
    stories = setup["stories"]
    paths = ["/"] + [story["path"] for story in stories]
    script = mix_script(paths[1:], workdir)
    results = {"setup": {"stories": len(stories), "home_share": HOME_SHARE}}
    floor_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.floor.settings"}
    running = []

    def start(process):
        running.append(process)
        return process

    def stop(process):
        process.stop()
        running.remove(process)

    try:
        floor = start(Gunicorn("bench.floor.wsgi", floor_env, workdir, "floor"))
        floor_url = floor.url + "/"
        site = start(Gunicorn("newsportal.wsgi", env, workdir, "site"))
        worker = start(
            Process([python, "manage.py", "newsletter_worker"], env, workdir / "worker.log")
        )
        for path in paths:
            status = get(site.url + path)[0]
            if status != 200:
                raise RuntimeError(f"{path} answered {status}, not 200")
        # Readers log in once (the login form's rate limit is per address and minute).
        readers = [
            {"cookies": log_in(site.url, r["email"], r["password"]), "trusted": r["trusted"]}
            for r in setup["readers"]
        ]
        readers_file = workdir / "readers.json"
        readers_file.write_text(json.dumps({"readers": readers, "stories": stories}))
        story_ids = [story["id"] for story in stories]
        home_ids = story_ids[:10]
        story_path = stories[len(stories) // 2]["path"]
        results["story_path"] = story_path

        def writing(name, front_env, measure):
            """``measure()`` while the commenters and the editor write; their counts with it."""
            writers = Writers(front_env, workdir, site.url, readers_file, story_ids, home_ids, name)
            time.sleep(2)  # both have started writing
            result = measure()
            result["writes"] = writers.stop()
            return result

        log("the app's cache and a signed-in reader, one story page")
        for _ in range(3):
            get(site.url + story_path)
        results["story_app_cached"] = against_floor(
            floor_url, lambda: wrk(site.url + story_path, seconds)
        )
        signed_in = next(r for r in readers if r["trusted"])["cookies"]
        cookie = "; ".join(f"{k}={v}" for k, v in signed_in.items())
        status, _headers, body = get(site.url + story_path, headers={"Cookie": cookie})
        if status != 200 or b"Bench reader" not in body:
            raise RuntimeError("the signed-in reader's story page does not show them signed in")
        results["story_signed_in"] = against_floor(
            floor_url, lambda: wrk(site.url + story_path, seconds, headers=[f"Cookie: {cookie}"])
        )
        log("live mix, app alone")
        results["mix_app_quiet"] = against_floor(
            floor_url, lambda: wrk(site.url, mix_seconds, script=script)
        )
        results["mix_app_writes"] = against_floor(
            floor_url,
            lambda: writing("app", env, lambda: wrk(site.url, mix_seconds, script=script)),
        )
        log(
            f"app alone: {results['mix_app_quiet']['rps']} quiet, "
            f"{results['mix_app_writes']['rps']} with writes"
        )
        stop(worker)
        stop(site)
        log("page cache off")
        uncached = start(
            Gunicorn(
                "newsportal.wsgi", {**env, "PAGE_CACHE_SECONDS": "0"}, workdir, "site-uncached"
            )
        )
        results["story_uncached"] = against_floor(
            floor_url, lambda: wrk(uncached.url + story_path, seconds)
        )
        results["home_uncached"] = against_floor(
            floor_url, lambda: wrk(uncached.url + "/", seconds)
        )
        stop(uncached)
        if not (vcl and Path(vcl).exists() and shutil.which("varnishd")):
            results["edge_skipped"] = f"no VCL at {vcl} or no varnishd"
            return results
        # Varnish in front of the site on the same port. The site and the task worker start
        # again with VARNISH_PURGE_URLS, so the app purges the edge: the editor's and the
        # commenters' saves, the worker's clock and retries.
        varnish = start(Varnish(vcl, site.port, workdir))
        results["vcl"] = str(vcl)
        edge_env = {**env, "VARNISH_PURGE_URLS": varnish.url}
        site = start(Gunicorn("newsportal.wsgi", edge_env, workdir, "site-edge", port=site.port))
        start(
            Process(
                [python, "manage.py", "newsletter_worker"], edge_env, workdir / "worker-edge.log"
            )
        )
        for path in paths:
            get(varnish.url + path)
        log("live mix, through Varnish")
        results["mix_edge_quiet"] = against_floor(
            floor_url,
            lambda: varnish_window(varnish, lambda: wrk(varnish.url, mix_seconds, script=script)),
        )
        # Comments go to the app directly (an edge passes every POST): every request Varnish
        # counts in the window is a reader's GET.
        results["mix_edge_writes"] = against_floor(
            floor_url,
            lambda: writing(
                "edge",
                edge_env,
                lambda: varnish_window(
                    varnish, lambda: wrk(varnish.url, mix_seconds, script=script)
                ),
            ),
        )
        log("freshness through Varnish, while the commenters and the editor write")
        results["freshness"] = writing(
            "freshness",
            edge_env,
            lambda: {
                "edits": run_django(
                    edge_env,
                    "freshness",
                    "--front",
                    varnish.url,
                    "--stories",
                    json.dumps(story_ids[20:25]),
                ),
                "scheduled": run_django(
                    edge_env, "scheduled", "--front", varnish.url, "--times", "3"
                ),
            },
        )
    finally:
        for process in reversed(running):
            process.stop()
    return results


def run_django(env, *args, module="bench.live_django"):
    """The JSON a Django-side subcommand (bench/live_django.py by default) prints."""
    return json.loads(
        subprocess.run(
            [env["BENCH_PYTHON"], "-m", module, *args],
            cwd=BASE,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
