"""Redis, the broker and the shared cache, goes away while learners complete a
course and an administrator asks for a report export: the completions and the
export job are recorded, every page still answers, fast, and once Redis is back the
sweeps issue each missing certificate, once, and write the export.

The Redis here is a redis-server of this test's own, on a port of its own; the
shared one is never touched. It goes away twice: stopped (connections refused) and
frozen with SIGSTOP (connections hang: only timeouts end them).
"""

import contextlib
import os
import signal
import subprocess
import time
import uuid
from datetime import timedelta

import pytest
import redis
import requests
from celery import Celery
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db.models import F
from django.utils import timezone

from assessments.models import QuestionType
from learning.certificates.models import Certificate
from learning.certificates.services import missing_certificates
from learning.progress.models import CourseCompletion
from learning.reports.models import ExportStatus, ReportExport
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.factories import make_learner
from tests.factories import TEST_PASSWORD, make_course, make_module
from tests.integration.conftest import (
    WebServer,
    database_url,
    free_port,
    require_program,
    start_worker,
    stop_worker,
    wait_for,
)

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]

# Each request while Redis is away: the cache and the broker give up well within it.
REQUEST_SECONDS = 3
SWEEP = "learning.certificates.tasks.sweep_missing_certificates"
EXPORT_SWEEP = "learning.reports.tasks.sweep_waiting_report_exports"


class PrivateRedis:
    """A redis-server on a free port, without persistence, in `directory`."""

    def __init__(self, directory, log):
        self.program = require_program("redis-server")
        self.port = free_port()
        self.directory = directory
        self.log = log
        self.process = None

    def url(self, db):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.program,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.answers, "Redis starting", self.log, seconds=10)

    def answers(self):
        client = redis.Redis(
            port=self.port, socket_timeout=0.5, socket_connect_timeout=0.5
        )
        try:
            return client.ping()
        except redis.RedisError:
            return False
        finally:
            client.close()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    @contextlib.contextmanager
    def frozen(self):
        """Redis still holds its port but answers nothing (SIGSTOP)."""
        os.kill(self.process.pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(self.process.pid, signal.SIGCONT)

    def clean_up(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)


def learner(name, **fields):
    """A learner whose password the web server (not test settings) can check."""
    user = make_learner(name, **fields)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(TEST_PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


class Learner:
    """A browser of sorts: a cookie jar, the CSRF token, every request timed."""

    def __init__(self, server, user):
        self.server = server
        self.user = user
        self.http = requests.Session()

    def request(self, method, path, data=None):
        headers = {"X-CSRFToken": self.http.cookies.get("csrftoken", "")}
        started = time.monotonic()
        response = self.http.request(
            method,
            self.server.url(path),
            data=data,
            headers=headers,
            allow_redirects=False,
            timeout=REQUEST_SECONDS * 3,
        )
        took = time.monotonic() - started
        assert took < REQUEST_SECONDS, f"{method} {path} took {took:.1f} s"
        assert response.status_code in (200, 302), (method, path, response.text)
        return response

    def log_in(self):
        self.request("GET", "/en/accounts/login/")
        response = self.request(
            "POST",
            "/en/accounts/login/",
            {"username": self.user.email, "password": TEST_PASSWORD},
        )
        assert response.status_code == 302, response.text

    def complete(self, course, module, quiz, question):
        self.log_in()
        assert "Enrol in this course" in self.request("GET", course.url).text
        self.request("POST", f"/en/courses/{course.pk}/enrol/")
        self.request("GET", module.url)
        self.request("POST", f"/en/modules/{module.pk}/done/")
        started = self.request("POST", f"/en/quizzes/{quiz.pk}/start/")
        attempt = started.headers["Location"]
        result = self.request("POST", f"{attempt}submit/", {f"q-{question.pk}": "42"})
        assert "Passed" in self.request("GET", result.headers["Location"]).text
        assert "You completed this course on" in self.request("GET", course.url).text
        self.request("GET", "/en/my-learning/")


@pytest.fixture
def private_redis(tmp_path):
    log = open(tmp_path / "redis.log", "w")  # noqa: SIM115 - read on failure
    server = PrivateRedis(tmp_path, log)
    server.start()
    yield server
    server.clean_up()
    log.close()


def test_learners_complete_a_course_while_redis_is_away(
    private_redis, settings, tmp_path
):
    course = make_course("Joint procurement", estimated_hours=2)
    module = make_module(course, title="Why buy together")
    question = make_question(QuestionType.NUMERIC)
    quiz = make_quiz(course, questions=[question], pass_mark=50)
    stopped_learner = learner("Amina Diallo")
    frozen_learner = learner("Jean Dupont", confirmed=False)
    administrator = learner("Ada Admin", is_superuser=True, is_staff=True)

    queue = f"test-{uuid.uuid4().hex[:8]}"
    media = tmp_path / "media"
    log = open(tmp_path / "processes.log", "w")  # noqa: SIM115 - read on failure
    services = {
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "CELERY_BROKER_URL": private_redis.url(0),
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CACHE_URL": private_redis.url(1),
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        # Every report export is a background job.
        "REPORT_EXPORT_INLINE_ROWS": "0",
    }
    web = WebServer(services, log, tmp_path)
    try:
        # Redis stopped: connections are refused.
        private_redis.stop()
        assert not private_redis.answers()
        Learner(web, stopped_learner).complete(course, module, quiz, question)
        # An administrator asks for a report export: saved, it waits for the queue.
        admin = Learner(web, administrator)
        admin.log_in()
        asked = admin.request("GET", "/admin/reports/completion/?export=csv")
        job_page = asked.headers["Location"]
        assert job_page.startswith("/admin/reports/exports/"), job_page
        assert "if the task queue is unavailable, it waits" in (
            admin.request("GET", job_page).text
        )

        # Redis frozen: connections hang until a timeout ends them.
        private_redis.start()
        with private_redis.frozen():
            assert not private_redis.answers()
            browser = Learner(web, frozen_learner)
            browser.complete(course, module, quiz, question)
            confirmed = browser.request(
                "POST", "/en/certificates/confirm-name/", {"full_name": "Jean Dupont"}
            )
            assert confirmed.status_code == 302
    finally:
        web.stop()

    # The completions were recorded; no certificate could be queued.
    completions = CourseCompletion.objects.all()
    assert {c.enrolment.learner for c in completions} == {
        stopped_learner,
        frozen_learner,
    }
    assert not Certificate.objects.exists()
    export = ReportExport.objects.get()
    assert export.status == ExportStatus.QUEUED
    log.flush()
    logged = open(log.name).read()
    assert "Could not queue the certificate" in logged
    assert "Could not queue learning.reports.tasks.run_report_export" in logged
    # ...asked for long enough ago for the sweep to queue it again.
    ReportExport.objects.update(created_at=F("created_at") - timedelta(minutes=10))

    # Redis back: the sweep, sent as beat sends it, queues what is missing, and a
    # worker issues each certificate.
    assert private_redis.answers()
    worker = start_worker(
        private_redis.url(0),
        queue,
        settings.DATABASES["default"],
        env={**services, "CERTIFICATE_SWEEP_AFTER_MINUTES": "0"},
        log=log,
    )
    beat = Celery(broker=private_redis.url(0))
    try:
        beat.send_task(SWEEP, queue=queue)
        beat.send_task(EXPORT_SWEEP, queue=queue)
        wait_for(
            lambda: Certificate.objects.exclude(sha256="").count() == 2,
            "the swept certificates being issued",
            log,
            seconds=60,
        )
        wait_for(
            lambda: ReportExport.objects.filter(status=ExportStatus.DONE).exists(),
            "the swept export being written",
            log,
            seconds=60,
        )
    finally:
        beat.close()
        stop_worker(worker)

    certificates = Certificate.objects.select_related("completion")
    assert sorted(c.completion_id for c in certificates) == sorted(
        c.pk for c in completions
    )
    assert {c.name_printed for c in certificates} == {"Amina Diallo", "Jean Dupont"}
    for certificate in certificates:
        assert (media / certificate.file.name).read_bytes().startswith(b"%PDF")
    assert not missing_certificates(now=timezone.now(), older_than=timedelta(0))
    export.refresh_from_db()
    assert export.rows_done == export.rows_total >= 1
    files = list((tmp_path / "private").rglob("*.csv"))
    assert [path.name for path in files] == [export.file.name.rsplit("/", 1)[-1]]
