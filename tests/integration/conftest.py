"""Real services on committed data: Celery workers and web servers of our own.

A worker listens on a queue named for this run only, so nothing else (another
developer's worker, a leftover process) can take its tasks. Fault tests start their
own Redis or PostgreSQL too, on ports of their own (DESIGN.md §8).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from celery import Celery

from tests import programs

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def broker_url():
    url = os.environ.get("TEST_BROKER_URL")
    if not url:
        pytest.skip("needs a Redis broker: set TEST_BROKER_URL=redis://...")
    return url


def missing(reason):
    """Skip for want of `reason`, or fail under REQUIRE_SERVICES=1 (DESIGN.md §8)."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but this test {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def amqp_url():
    """RabbitMQ: it hands a task back the moment a worker's connection drops."""
    url = os.environ.get("TEST_AMQP_URL")
    if not url:
        missing("needs RabbitMQ: set TEST_AMQP_URL=amqp://guest:guest@...")
    return url


def require_program(name):
    """The path of a program a fault test runs (its own Redis or PostgreSQL)."""
    if reason := programs.missing(name):
        missing(reason)
    return programs.find(name)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, what, log, seconds=90):
    """Poll `condition` until it holds; fail after `seconds`, with the end of `log`
    (the file the processes under test write to)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            log.flush()
            output = open(log.name).read()[-3000:]
            pytest.fail(f"{what} did not happen within {seconds} s\n{output}")
        time.sleep(0.25)


def start_worker(broker_url, queue, database, *, app="learning", env=(), log=None):
    """A Celery worker process (solo pool) on a private queue, against the test
    database; returns once it answers a ping. `log`: a file for its output."""
    name = f"{queue}-{uuid.uuid4().hex[:4]}@localhost"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            app,
            "worker",
            "--pool=solo",
            "--loglevel=INFO" if log else "--loglevel=WARNING",
            "-Q",
            queue,
            "-n",
            name,
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "DATABASE_URL": database_url(database),
            **dict(env),
        },
        stdout=log,
        stderr=subprocess.STDOUT if log else None,
    )
    # A Celery app of its own for the pings: the project's app may still hold
    # connections to another broker from an earlier test.
    probe = Celery(broker=broker_url)
    try:
        deadline = time.monotonic() + 30
        while not probe.control.ping(destination=[name], timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                worker.kill()
                raise RuntimeError("the Celery worker did not start within 30 s")
    finally:
        probe.close()
    worker.name = name
    return worker


def stop_worker(worker):
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


@pytest.fixture
def celery_worker(broker_url, settings, transactional_db):
    """Start a worker on a private queue, against the test database; stop it after."""
    from learning.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(
        broker_url=broker_url, task_always_eager=False, task_default_queue=queue
    )
    worker = start_worker(broker_url, queue, settings.DATABASES["default"])
    try:
        yield worker.name
    finally:
        stop_worker(worker)
        app.conf.update(broker_url=None, task_always_eager=True)


class WebServer:
    """gunicorn serving the project on a free port, with `environment` on top of
    ours (settings from the environment, as deployed); output to `log`."""

    def __init__(self, environment, log, directory):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "learning.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                "--workers=2",
                "--preload",  # the project imported once, not by each worker
                "--timeout=30",
                "--graceful-timeout=5",
                # The default control socket is shared by every gunicorn of the user.
                f"--control-socket={directory / 'gunicorn.ctl'}",
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
                "DEBUG": "0",
                **environment,
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.answers, "the web server answering", log, seconds=30)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def answers(self):
        if self.process.poll() is not None:
            self.log.flush()
            pytest.fail(f"gunicorn exited:\n{open(self.log.name).read()[-3000:]}")
        try:
            urllib.request.urlopen(self.url("/healthz"), timeout=2).close()
        except urllib.error.HTTPError:
            return True  # it answers, if not with 200
        except OSError:
            return False
        return True

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def database_url(database):
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    return (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
