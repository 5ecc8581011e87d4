"""Real services on committed data: a Celery worker of our own against Redis.

The worker listens on a queue named for this run only, so nothing else (another
developer's worker, a leftover process) can take its tasks.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def broker_url():
    url = os.environ.get("TEST_BROKER_URL")
    if not url:
        pytest.skip("needs a Redis broker: set TEST_BROKER_URL=redis://...")
    return url


@pytest.fixture(scope="session")
def amqp_url():
    """RabbitMQ: it hands a task back the moment a worker's connection drops."""
    url = os.environ.get("TEST_AMQP_URL")
    if not url:
        reason = "needs RabbitMQ: set TEST_AMQP_URL=amqp://guest:guest@..."
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but this test {reason}", pytrace=False)
        pytest.skip(reason)
    return url


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


def database_url(database):
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    return (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
