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

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def broker_url():
    url = os.environ.get("TEST_BROKER_URL")
    if not url:
        pytest.skip("needs a Redis broker: set TEST_BROKER_URL=redis://...")
    return url


@pytest.fixture
def celery_worker(broker_url, settings, transactional_db):
    """Start a worker on a private queue, against the test database; stop it after."""
    from learning.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    name = f"{queue}@localhost"
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "DATABASE_URL": database_url(database),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "learning",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "-Q",
            queue,
            "-n",
            name,
        ],
        cwd=ROOT,
        env=env,
    )
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(
        broker_url=broker_url, task_always_eager=False, task_default_queue=queue
    )
    try:
        deadline = time.monotonic() + 30
        while not app.control.ping(destination=[name], timeout=0.5):
            if worker.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Celery worker did not start within 30 s")
        yield name
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        app.conf.update(broker_url=None, task_always_eager=True)


def database_url(database):
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    return (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
