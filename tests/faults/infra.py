"""The fault suite's own services: throwaway Redis and PostgreSQL, an SMTP sink, a TCP proxy that
can hang or cut connections, and the site itself under gunicorn in the production profile.

Each is a real process or a real server on loopback, started on a free port and thrown away
after; nothing here touches the machine's own PostgreSQL or Redis. The TCP proxy stands in
for toxiproxy (not available here): put it between the site and a service to make that
service hang (connections stay open, nothing is forwarded) or fail (connections closed).
"""

import asyncio
import contextlib
import glob
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def child_pids(pid: int) -> list[int]:
    """Direct children of ``pid``, read from /proc (no psutil here)."""
    children = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                children.append(int(stat.split("/")[2]))
    return children


def _signal(pids, signum):
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)


# --- Redis ---------------------------------------------------------------------------------


class ThrowawayRedis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        server = shutil.which("redis-server")
        if server is None:
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.process = subprocess.Popen(
            [
                server,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def kill(self):
        """SIGKILL: connections are refused from now on."""
        if self.process and self.process.poll() is None:
            self.resume()
            self.process.kill()
            self.process.wait()

    def pause(self):
        """SIGSTOP: the kernel still accepts connections, Redis never answers."""
        _signal([self.process.pid], signal.SIGSTOP)

    def resume(self):
        _signal([self.process.pid], signal.SIGCONT)

    def stop(self):
        self.kill()


# --- PostgreSQL ----------------------------------------------------------------------------


def _postgres_bindir() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise RuntimeError("PostgreSQL's server is not installed (apt-get install postgresql)")


class ThrowawayPostgres:
    """A cluster of its own in a temporary folder, trust authentication, user ``postgres``."""

    def __init__(self):
        self.port = free_port()
        self.bindir = _postgres_bindir()
        self.directory = Path(tempfile.mkdtemp(prefix="newsportal-faults-pg-"))
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        self._created = set()
        self._initialised = False

    def _run(self, *command, check=True):
        # initdb and postgres refuse to run as root: run them as the postgres user then.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*prefix, *command], check=check, capture_output=True, text=True, cwd=self.directory
        )

    def start(self):
        if not self._initialised:
            if os.geteuid() == 0:
                shutil.chown(self.directory, "postgres", "postgres")
            self._run(
                str(self.bindir / "initdb"),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
                "-D",
                str(self.data),
            )
            self._initialised = True
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "start",
        )
        return self

    def running(self) -> bool:
        return (
            self._run(
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "status", check=False
            ).returncode
            == 0
        )

    def stop(self, mode: str = "fast"):
        self.resume()
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop", check=False
        )

    def _pids(self) -> list[int]:
        pid_file = self.data / "postmaster.pid"
        if not pid_file.exists():
            return []
        postmaster = int(pid_file.read_text().split()[0])
        return [postmaster, *child_pids(postmaster)]

    def pause(self):
        """SIGSTOP the server and its backends: connections are accepted, nothing answers."""
        _signal(self._pids(), signal.SIGSTOP)

    def resume(self):
        _signal(self._pids(), signal.SIGCONT)

    def url(self, dbname: str = "newsportal") -> str:
        if dbname not in self._created:
            import psycopg

            with psycopg.connect(
                f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
            ) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{dbname}"')
            self._created.add(dbname)
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def destroy(self):
        self.stop(mode="immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


# --- TCP proxy -----------------------------------------------------------------------------


class TcpProxy:
    """Forwards 127.0.0.1:``port`` to ``host``:``target_port``, in one of three modes:

    - ``pass``: bytes flow both ways;
    - ``hang``: connections (new and open) stay open but nothing is forwarded, like a server
      stuck in a lock or a dropped route;
    - ``cut``: every open connection is closed and new ones are closed at once.
    """

    def __init__(self, host: str, target_port: int):
        self.target = (host, target_port)
        self.port = free_port()
        self._mode = "pass"
        self._loop = asyncio.new_event_loop()
        self._flowing = None
        self._writers = set()
        started = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(started,), daemon=True)
        self._thread.start()
        started.wait(10)

    def _serve(self, started):
        asyncio.set_event_loop(self._loop)
        self._flowing = asyncio.Event()
        self._flowing.set()

        async def listen():
            self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
            started.set()

        self._loop.run_until_complete(listen())
        self._loop.run_forever()

    async def _handle(self, client_reader, client_writer):
        if self._mode == "cut":
            client_writer.close()
            return
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.close()
            return
        self._writers.update({client_writer, server_writer})

        async def pump(reader, writer):
            try:
                while True:
                    data = await reader.read(65536)
                    if not data:
                        break
                    await self._flowing.wait()
                    if self._mode == "cut":
                        break
                    writer.write(data)
                    await writer.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                with contextlib.suppress(Exception):
                    writer.close()
                self._writers.discard(writer)

        await asyncio.gather(pump(client_reader, server_writer), pump(server_reader, client_writer))

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, value: str):
        if value not in {"pass", "hang", "cut"}:
            raise ValueError(value)

        def apply():
            self._mode = value
            if value == "hang":
                self._flowing.clear()
            else:
                self._flowing.set()
            if value == "cut":
                for writer in list(self._writers):
                    with contextlib.suppress(Exception):
                        writer.close()
                self._writers.clear()

        done = threading.Event()
        self._loop.call_soon_threadsafe(lambda: (apply(), done.set()))
        done.wait(5)

    def close(self):
        self.mode = "cut"

        def shut():
            self._server.close()
            self._loop.stop()

        self._loop.call_soon_threadsafe(shut)
        self._thread.join(5)


# --- SMTP sink -----------------------------------------------------------------------------


class _SinkHandler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.sink._mode == "refuse":
            return "451 4.3.0 Mail server temporarily unavailable, try again later"
        with self.sink._lock:
            self.sink.messages.append(
                message_from_bytes(envelope.original_content or envelope.content)
            )
            self.sink.envelopes.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


class SmtpSink:
    """A real SMTP server (aiosmtpd) behind a TcpProxy, so it can also hang.

    ``mode``: ``accept`` keeps every message in ``messages``; ``refuse`` answers 451 to every
    message; ``hang`` accepts connections and never says a word (not even the greeting).
    """

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.envelopes = []
        self._lock = threading.Lock()
        self._mode = "accept"
        self._controller = Controller(_SinkHandler(self), hostname="127.0.0.1", port=free_port())
        self._controller.start()
        self._proxy = TcpProxy("127.0.0.1", self._controller.port)
        self.port = self._proxy.port
        self.url = f"smtp://127.0.0.1:{self.port}"

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, value: str):
        if value not in {"accept", "refuse", "hang"}:
            raise ValueError(value)
        self._mode = value
        self._proxy.mode = "hang" if value == "hang" else "pass"

    def recipients(self) -> list[str]:
        with self._lock:
            return [address for envelope in self.envelopes for address in envelope]

    def stop(self):
        self._proxy.close()
        self._controller.stop()


# --- The site ------------------------------------------------------------------------------

_STATIC_ROOT = Path(tempfile.gettempdir()) / "newsportal-faults-static"


def site_environment(env: dict) -> dict:
    """The production profile over plain HTTP on loopback, plus ``env``."""
    # Nothing of the test run's own services leaks in: each fault test names its database.
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "TEST_")) and k not in {"DATABASE_URL", "REDIS_URL"}
    }
    base.update(
        DJANGO_SETTINGS_MODULE="newsportal.settings.production",
        SECRET_KEY="faults-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(_STATIC_ROOT),
        MEDIA_ROOT=str(Path(tempfile.gettempdir()) / "newsportal-faults-media"),
        REDIS_URL="",
        EMAIL_URL="consolemail://",
        TASKS_BACKEND="db",
        REQUEST_LOG="false",
        NEWSLETTER_SCHEDULE="false",  # a fault test sends its own digest, at any time of day
    )
    base.update(env)
    return base


def run_manage(env: dict, *args, timeout: float = 600, check: bool = True):
    """``manage.py *args`` in the production profile with ``env``; returns the CompletedProcess."""
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=BASE_DIR,
        env=site_environment(env),
        check=check,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


_static_lock = threading.Lock()
_static_collected = False


def collect_static_once(env: dict):
    """Once per test run: a folder left by an earlier run may lack files added since, and a page
    naming one would be a 500 (the manifest storage refuses unknown names)."""
    global _static_collected
    with _static_lock:
        if not _static_collected:
            run_manage(env, "collectstatic", "--noinput", "-v0")
            _static_collected = True


@dataclass
class Response:
    status: int  # 0 when the request failed or timed out
    headers: dict
    body: bytes
    seconds: float

    def __iter__(self):  # status, headers, body, seconds = site.get(...)
        return iter((self.status, self.headers, self.body, self.seconds))

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Site:
    """The site in the production profile under gunicorn (sync workers), migrated first."""

    def __init__(self, env: dict, *, workers: int = 2, migrate: bool = True):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        if "DATABASE_URL" not in env:  # a SQLite file of its own
            database = Path(tempfile.mkdtemp(prefix="newsportal-faults-db-")) / "site.sqlite3"
            env = {**env, "DATABASE_URL": f"sqlite:///{database}"}
        self.env = {"PORT": str(self.port), **env}
        collect_static_once(self.env)
        if migrate:
            run_manage(self.env, "migrate", "--noinput", "-v0")
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept open for gunicorn's life
            prefix="newsportal-faults-gunicorn-", suffix=".log", delete=False
        )
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "newsportal.wsgi"],
            cwd=BASE_DIR,
            env=site_environment(
                {
                    **self.env,
                    "WEB_CONCURRENCY": str(workers),
                    "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                }
            ),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_text()[-3000:]}")
            if self.get("/healthz", timeout=2).status:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start: {self.log_text()[-3000:]}")

    def get(
        self, path: str, *, timeout: float = 10.0, method: str = "GET", body=None, headers=None
    ) -> Response:
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            content = answer.read()
            return Response(
                answer.status, dict(answer.getheaders()), content, time.monotonic() - started
            )
        except (OSError, http.client.HTTPException) as error:
            return Response(0, {}, str(error).encode(), time.monotonic() - started)
        finally:
            connection.close()

    def worker_pids(self) -> list[int]:
        return child_pids(self.process.pid)

    def log_text(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# --- Varnish in front ----------------------------------------------------------------------


def varnishd_path() -> str | None:
    return shutil.which("varnishd") or next(
        (path for path in ["/usr/sbin/varnishd"] if os.access(path, os.X_OK)), None
    )


class Varnish:
    """varnishd with deploy/varnish/default.vcl, started by deploy/varnish/run-varnish in front of
    the origin on 127.0.0.1:``origin_port``; it listens on a free port of its own and keeps its
    ``-n`` work folder in a temporary folder. ``restart()`` keeps the port and empties the cache
    (malloc storage)."""

    def __init__(self, origin_port: int, *, port: int | None = None, purge_from: str = ""):
        self.origin_port = origin_port
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.purge_from = purge_from
        self.directory = Path(tempfile.mkdtemp(prefix="newsportal-varnish-"))
        # Run as root, varnishd reads the VCL as its own unprivileged user.
        self.directory.chmod(0o755)
        self.log = self.directory / "varnishd.log"
        self.process = None

    # The same client as the site's: status 0 when the request failed.
    get = Site.get

    def start(self):
        if varnishd_path() is None:
            raise RuntimeError(
                "varnishd is not installed (apt-get install varnish varnish-modules)"
            )
        environment = {
            **os.environ,
            "ORIGIN": f"127.0.0.1:{self.origin_port}",
            "ORIGIN_HOST_HEADER": "localhost",
            "LISTEN": f"127.0.0.1:{self.port}",
            "PURGE_FROM": self.purge_from,
            "VARNISH_WORKDIR": str(self.directory / "work"),
            "VARNISH_STORAGE": "malloc,64m",
        }
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(BASE_DIR / "deploy" / "varnish" / "run-varnish")],
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"varnishd exited: {self.log.read_text()[-3000:]}")
            # The manager listens before its child runs: wait for the child too.
            if "Child launched OK" in self.log.read_text(errors="replace"):
                wait_for_port(self.port)
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"varnishd did not start: {self.log.read_text()[-3000:]}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self):
        self.stop()
        return self.start()

    def destroy(self):
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
