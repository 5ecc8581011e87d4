"""PostgreSQL restarts under a light load: while it is down every request answers a
clean 503 (the "temporarily unavailable" page, /healthz in JSON), quickly; once it
is back the same web processes serve again, and signed-in learners stay signed in.

The PostgreSQL here is a cluster of this test's own (initdb in a temporary
directory, a port of its own); the shared server is never touched.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import psycopg
import pytest
import requests

from tests.integration.conftest import (
    ROOT,
    WebServer,
    free_port,
    require_program,
    wait_for,
)

pytestmark = pytest.mark.postgres

EMAIL, PASSWORD = "learner@example.org", "restart-pass-2026"
PAGES = ["/en/", "/en/my-learning/", "/healthz"]
CLIENTS = 3
# A request while the database is down fails fast; recovery comes by itself soon.
FAIL_SECONDS = 5
RECOVERY_SECONDS = 20

SET_UP = f"""
from django.contrib.auth import get_user_model
from django.core.management import call_command

call_command("migrate", interactive=False, verbosity=0)
get_user_model().objects.create_user({EMAIL!r}, {PASSWORD!r}, full_name="Amina Diallo")
"""


class PrivateCluster:
    """A PostgreSQL cluster in a temporary directory, on a free port, trusting local
    connections; run as the postgres user when we are root (initdb refuses root)."""

    def __init__(self, log):
        self.programs = {name: require_program(name) for name in ("initdb", "pg_ctl")}
        self.log = log
        self.port = free_port()
        # Not pytest's tmp_path: the postgres user must be able to reach it.
        self.directory = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        self.data = self.directory / "data"
        self.as_owner = []
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
            self.as_owner = [require_program("runuser"), "-u", "postgres", "--"]

    def run(self, program, *arguments):
        subprocess.run(
            [*self.as_owner, self.programs[program], *arguments],
            cwd=self.directory,
            check=True,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            timeout=60,
        )

    def create(self):
        self.run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust")
        self.start()
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute("CREATE DATABASE learning")

    def start(self):
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
            " -c fsync=off"
        )
        log = self.directory / "postgres.log"
        self.run("pg_ctl", "start", "-D", self.data, "-l", log, "-o", options, "-w")

    def stop(self, mode="fast"):
        self.run("pg_ctl", "stop", "-D", self.data, "-m", mode, "-w")

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def answers(self):
        try:
            psycopg.connect(self.url("postgres"), connect_timeout=2).close()
        except psycopg.OperationalError:
            return False
        return True

    def clean_up(self):
        if (self.data / "postmaster.pid").exists():
            self.stop(mode="immediate")
        shutil.rmtree(self.directory)


def signed_in(server):
    http = requests.Session()
    http.get(server.url("/en/accounts/login/"), timeout=10)
    response = http.post(
        server.url("/en/accounts/login/"),
        {"username": EMAIL, "password": PASSWORD},
        headers={"X-CSRFToken": http.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text
    return http


class Answer(NamedTuple):
    page: str
    status: int
    seconds: float
    body: str


def load(server, browsers, seconds):
    """Each browser asks for the pages in turn, once and then until `seconds` have
    passed: every Answer."""

    def browse(http):
        answers = []
        deadline = time.monotonic() + seconds
        while not answers or time.monotonic() < deadline:
            for page in PAGES:
                # /healthz as a monitor asks: without a session.
                ask = requests.get if page == "/healthz" else http.get
                started = time.monotonic()
                response = ask(
                    server.url(page), allow_redirects=False, timeout=FAIL_SECONDS * 2
                )
                took = time.monotonic() - started
                answers.append(Answer(page, response.status_code, took, response.text))
        return answers

    with ThreadPoolExecutor(len(browsers)) as pool:
        return [answer for answers in pool.map(browse, browsers) for answer in answers]


def gunicorn_workers(server):
    pid = server.process.pid
    return set(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


@pytest.fixture
def cluster(tmp_path):
    log = open(tmp_path / "postgres.log", "w")  # noqa: SIM115 - read on failure
    cluster = PrivateCluster(log)
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.clean_up()
        log.close()


def test_a_database_restart_gives_503_pages_then_the_platform_recovers(
    cluster, tmp_path
):
    log = open(tmp_path / "processes.log", "w")  # noqa: SIM115 - read on failure
    database = {"DATABASE_URL": cluster.url("learning")}
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SET_UP],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "learning.settings.dev",
            **database,
        },
        check=True,
        stdout=log,
        stderr=subprocess.STDOUT,
        timeout=120,
    )
    web = WebServer(database, log, tmp_path)
    try:
        browsers = [signed_in(web) for _ in range(CLIENTS)]
        workers = gunicorn_workers(web)
        assert {answer.status for answer in load(web, browsers, 2)} == {200}

        # PostgreSQL stops: each request fails fast, with the 503 page.
        cluster.stop()
        assert not cluster.answers()
        down = load(web, browsers, 3)
        assert {answer.status for answer in down} == {503}
        assert max(answer.seconds for answer in down) < FAIL_SECONDS
        for answer in down:
            if answer.page == "/healthz":
                assert '"database": "down"' in answer.body
            else:
                assert "Temporarily unavailable" in answer.body

        # PostgreSQL starts again: the same processes serve again, by themselves.
        cluster.start()
        wait_for(
            lambda: {answer.status for answer in load(web, browsers[:1], 0)} == {200},
            "the platform recovering",
            log,
            seconds=RECOVERY_SECONDS,
        )
        after = load(web, browsers, 2)
        assert {answer.status for answer in after} == {200}
        signed_in_pages = [answer for answer in after if answer.page != "/healthz"]
        assert all("Amina Diallo" in answer.body for answer in signed_in_pages)
        assert web.process.poll() is None
        assert gunicorn_workers(web) == workers
    finally:
        web.stop()
