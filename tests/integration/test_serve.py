"""`bin/serve` (`make serve`): the production processes on this machine answer over
plain HTTP on loopback, serve hashed static files compressed, run two Celery workers
and beat, and leave no process behind however they end.

Each run has a PostgreSQL database, a Celery queue, a port and static/media
directories of its own, so nothing it does reaches anyone else's processes.
"""

import contextlib
import gzip
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest
from celery import Celery
from django.conf import settings
from psycopg import sql

from tests.integration.conftest import database_url, free_port

ROOT = Path(__file__).resolve().parent.parent.parent
SERVE = ROOT / "bin" / "serve"
READY_SECONDS = 120
STOP_SECONDS = 40
# Variables of the caller's own that would change what bin/serve does.
SERVE_VARIABLES = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_TASK_DEFAULT_QUEUE",
    "CACHE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "PORT",
    "BIND",
    "WEB_CONCURRENCY",
    "CELERY_WORKERS",
    "CELERY_CONCURRENCY",
    "SERVE_PLAIN_HTTP",
    "SERVE_SKIP_SETUP",
    "DJANGO_SETTINGS_MODULE",
}


def clean_environment(**variables):
    environment = {k: v for k, v in os.environ.items() if k not in SERVE_VARIABLES}
    return {**environment, **variables}


# Processes, by /proc: a PID with its start time, so a reused PID is not mistaken
# for a process we started.


def proc_stat(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return {"state": fields[0], "ppid": int(fields[1]), "start": fields[19]}


def command_line(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def process_tree(root):
    """{pid: start time} of `root` and all its descendants."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := proc_stat(entry.name)):
            children.setdefault(stat["ppid"], []).append(int(entry.name))
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if stat := proc_stat(pid):
            tree[pid] = stat["start"]
            todo.extend(children.get(pid, []))
    return tree


def still_running(tree):
    running = {}
    for pid, start in tree.items():
        stat = proc_stat(pid)
        if stat and stat["start"] == start and stat["state"] != "Z":
            running[pid] = command_line(pid)
    return running


class Serve:
    """bin/serve in a session of its own, its output read as it comes (so that it
    never blocks on a full pipe)."""

    def __init__(self, environment):
        self.port = int(environment["PORT"])
        self.process = subprocess.Popen(
            [SERVE],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines = []
        self.seen = {}  # every process of the tree seen so far
        self.serving = threading.Event()
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            if line.startswith("Serving http://"):
                self.serving.set()

    def output(self, last=80):
        return "".join(self.lines[-last:])

    def wait_until_serving(self):
        started = time.monotonic()
        while not self.serving.wait(0.5):
            if self.process.poll() is not None:
                pytest.fail(
                    f"bin/serve exited ({self.process.returncode}):\n" + self.output()
                )
            if time.monotonic() - started > READY_SECONDS:
                pytest.fail(f"no 'Serving' within {READY_SECONDS} s:\n" + self.output())
        return time.monotonic() - started

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def tree(self):
        tree = process_tree(self.process.pid)
        self.seen.update(tree)
        return tree

    def wait_for_exit(self):
        try:
            return self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"bin/serve still running after {STOP_SECONDS} s")

    def clean_up(self):
        """Whatever a failed test left behind, stopped; by PID, never by name."""
        self.tree()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in still_running(self.seen):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.reader.join(timeout=5)


def gone_within(tree, seconds):
    deadline = time.monotonic() + seconds
    while (left := still_running(tree)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


# Fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def serve_database():
    """A PostgreSQL database of its own, named after the test database; dropped
    after."""
    database = settings.DATABASES["default"]
    name = f"{database['TEST']['NAME']}_serve"
    connection = {
        "dbname": "postgres",
        "host": database["HOST"] or "127.0.0.1",
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
        "autocommit": True,
    }
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        sql.Identifier(name)
    )
    with psycopg.connect(**connection) as admin:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield database_url({**database, "NAME": name})
    with psycopg.connect(**connection) as admin:
        admin.execute(drop)


@pytest.fixture(scope="module")
def serve_environment(serve_database, tmp_path_factory):
    directory = tmp_path_factory.mktemp("serve")
    return clean_environment(
        DATABASE_URL=serve_database,
        CELERY_BROKER_URL=os.environ["TEST_BROKER_URL"],
        # Its own queue: beat's tasks go to these workers only.
        CELERY_TASK_DEFAULT_QUEUE=f"serve-{uuid.uuid4().hex[:8]}",
        SERVE_PLAIN_HTTP="1",
        WEB_CONCURRENCY="2",
        CELERY_CONCURRENCY="1",
        STATIC_ROOT=str(directory / "static"),
        MEDIA_ROOT=str(directory / "media"),
        PRIVATE_MEDIA_ROOT=str(directory / "private"),
        # bin/serve's own temporary directory: left behind when it is killed outright.
        TMPDIR=str(directory),
    )


@pytest.fixture
def serve(serve_environment):
    """Start bin/serve on a free port: `serve(**more_environment)`."""
    started = []

    def start(**environment):
        running = Serve({**serve_environment, "PORT": str(free_port()), **environment})
        started.append(running)
        return running

    yield start
    for running in started:
        running.clean_up()


def beat_processes(tree):
    return [pid for pid in tree if re.search(r"celery .* beat ", command_line(pid))]


def celery_workers_answering(broker_url, port):
    probe = Celery(broker=broker_url)
    try:
        replies = probe.control.ping(timeout=1)
    finally:
        probe.close()
    names = {name for reply in replies for name in reply}
    return {name for name in names if re.fullmatch(rf"worker\d+-{port}@.+", name)}


# Tests -----------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.broker
def test_serve_answers_over_plain_http_and_stops_every_process(serve):
    server = serve()
    server.wait_until_serving()
    assert f"Serving http://127.0.0.1:{server.port}" in server.output(), server.output()

    status, _, body = fetch(server.url("/healthz"))
    assert (status, json.loads(body)) == (200, {"database": "ok", "broker": "ok"})

    # Production settings, minus TLS: no redirect to https, a cookie that plain
    # HTTP can send back.
    status, headers, page = fetch(server.url("/en/accounts/login/"))
    assert status == 200
    assert "secure" not in headers["Set-Cookie"].lower()

    # Hashed static files, served compressed and cached for good.
    hashed = re.findall(r'/static/[^"\'?#\s]+\.[0-9a-f]{12}\.(?:css|js)', page.decode())
    assert hashed, page.decode()
    _, headers, compressed = fetch(server.url(hashed[0]), **{"Accept-Encoding": "gzip"})
    _, _, plain = fetch(server.url(hashed[0]))
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed) == plain
    max_age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))
    assert max_age >= 365 * 24 * 3600

    # Two Celery workers answer; one beat runs.
    deadline = time.monotonic() + 30
    broker_url = os.environ["TEST_BROKER_URL"]
    while len(workers := celery_workers_answering(broker_url, server.port)) < 2:
        assert time.monotonic() < deadline, f"workers answering: {workers}"
    assert {name.split("@")[0] for name in workers} == {
        f"worker1-{server.port}",
        f"worker2-{server.port}",
    }
    tree = server.tree()
    assert len(beat_processes(tree)) == 1, [command_line(pid) for pid in tree]

    server.process.send_signal(signal.SIGTERM)
    assert server.wait_for_exit() == 0, server.output()
    assert not still_running(tree)


@pytest.mark.postgres
@pytest.mark.broker
def test_a_process_that_dies_stops_the_others(serve):
    server = serve(SERVE_SKIP_SETUP="1")
    server.wait_until_serving()
    tree = server.tree()
    (beat,) = beat_processes(tree)

    os.kill(beat, signal.SIGKILL)

    assert server.wait_for_exit() != 0
    assert "beat" in server.output() and "exited" in server.output()
    assert not still_running(tree), server.output()


@pytest.mark.postgres
@pytest.mark.broker
def test_killing_serve_outright_leaves_no_process_behind(serve):
    server = serve(SERVE_SKIP_SETUP="1")
    server.wait_until_serving()
    tree = server.tree()
    assert len(tree) > 5

    server.process.kill()

    assert not gone_within(tree, STOP_SECONDS), server.output()


# Refusals: before anything starts, with a message and exit status 2.

SERVICES = {
    "DATABASE_URL": "postgres://127.0.0.1:1/none",
    "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
}


@pytest.mark.parametrize(
    "environment, message",
    [
        ({"CELERY_BROKER_URL": "redis://127.0.0.1:1/0"}, "set DATABASE_URL"),
        ({"DATABASE_URL": "postgres://127.0.0.1:1/none"}, "set CELERY_BROKER_URL"),
        (
            {**SERVICES, "SERVE_PLAIN_HTTP": "1", "BIND": "0.0.0.0"},
            "BIND must be a loopback address",
        ),
        ({**SERVICES, "SERVE_PLAIN_HTTP": "1", "BIND": "192.0.2.1"}, "loopback"),
        (SERVICES, "set SECRET_KEY"),
        ({**SERVICES, "SECRET_KEY": "k" * 60}, "set ALLOWED_HOSTS"),
    ],
)
def test_serve_refuses_an_incomplete_or_unsafe_configuration(environment, message):
    result = subprocess.run(
        [SERVE],
        cwd=ROOT,
        env=clean_environment(**environment),
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 2
    assert message in result.stderr
    assert not result.stdout
