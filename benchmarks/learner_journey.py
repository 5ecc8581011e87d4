"""Learners under load from enrolment to certificate, on the production topology.

    .venv/bin/python benchmarks/learner_journey.py [--learners 20] [--seconds 120]
        [--size 10000 [100000 ...]]

For each size, it copies `bench_report_<size>` (seed_load data, see
report_export.py) to a scratch database and adds a pool of fresh learners there
(`journey-…@journey.example.org`, names confirmed so that certificates are issued);
the copy is dropped at the end, so the shared database never sees them.
`bin/serve` serves the copy (gunicorn, Celery workers and beat, a Redis broker of
the benchmark's own), and sends its email to a sink in this process that counts
the messages.

`--learners` locust users (benchmarks/locustfiles/journey.py), each one learner at a
time, log in and take the load courses one after the other: enrol, read and mark
done each module, take the quiz with the right answers, read the result; a learner
done with every course hands over to the next account of the pool. No think time:
the point is the platform's throughput. After `--seconds`, locust stops; the
Celery workers are given a bounded time to drain; then the database is checked:

- no HTTP request failed;
- every completion of the journey learners has exactly one certificate, rendered
  and stored once (one issue entry in the audit log, one PDF file, one email).

It prints completions and certificates per minute over the run, how long the
certificates took to catch up after it, and the CPU time bin/serve's processes
spent: gunicorn's per completion (every request of a course) and Celery's per
certificate, which other jobs on a shared machine disturb far less than rates. With
two sizes, the larger's figures over the smaller's.
"""

import argparse
import json
import os
import socketserver
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import page_serving
from page_serving import (
    ROOT,
    Server,
    child,
    copy_database,
    drop_database,
    ensure_seeded,
    machine,
    manage,
    out,
    psql,
    run_locust,
    setup_django,
)

DOMAIN = "journey.example.org"
PASSWORD = "journey-pass-2026"
# Fresh accounts per simulated user: more than a run of a few minutes needs.
POOL_PER_USER = 40
DRAIN_TIMEOUT = 300  # seconds the Celery workers get to catch up after the run


# The learners and what they need to know -----------------------------------------


def journey_setup(pool):
    """Runs in a child: the pool of fresh learners, and the courses (steps, right
    answers) as the plan for the locustfile."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone, translation

    from assessments.models import QuizPage
    from courses.models import CoursePage, ModulePage

    User = get_user_model()
    now = timezone.now()
    User.objects.filter(email__endswith=f"@{DOMAIN}").delete()
    password = make_password(PASSWORD)  # hashed once, shared by the pool
    User.objects.bulk_create(
        User(
            email=f"journey-{number:05d}@{DOMAIN}",
            password=password,
            first_name="Journey",
            last_name=f"Learner {number}",
            full_name=f"Journey Learner {number}",
            name_confirmed_at=now,
            email_verified_at=now,
            date_joined=now,
        )
        for number in range(1, pool + 1)
    )
    courses = []
    answers = {}
    with translation.override("en"):
        for course in CoursePage.objects.filter(slug__startswith="load-course-"):
            required = [step for step in course.step_list if not step.optional]
            quiz = next(step for step in required if isinstance(step, QuizPage))
            # The quiz must be the last required step, so that passing it completes.
            assert required[-1] == quiz, f"{course.slug}: the quiz is not last"
            courses.append(
                {
                    "id": course.pk,
                    "url": course.url,
                    "modules": [
                        {"id": step.pk, "url": step.url}
                        for step in required
                        if isinstance(step, ModulePage)
                    ],
                    "quiz": {"id": quiz.pk, "url": quiz.url},
                }
            )
            for link in quiz.quiz_questions.select_related("question"):
                question = link.question
                answers[str(question.pk)] = {
                    "type": question.question_type,
                    "answer": (
                        question.true_false_answer
                        if question.question_type == "true_false"
                        else [c.text for c in question.choices.all() if c.is_correct]
                    ),
                }
    return {
        "password": PASSWORD,
        "accounts": [f"journey-{number:05d}@{DOMAIN}" for number in range(1, pool + 1)],
        "courses": courses,
        "answers": answers,
    }


def journey_verify():
    """Runs in a child: what the journey learners left in the database."""
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from wagtail.models import ModelLogEntry

    from assessments.models import Attempt
    from learning.certificates.models import Certificate
    from learning.progress.models import CourseCompletion, Enrolment

    learners = get_user_model().objects.filter(email__endswith=f"@{DOMAIN}")
    completions = CourseCompletion.objects.filter(enrolment__learner__in=learners)
    certificates = Certificate.objects.filter(completion__in=completions)
    issued = (
        ModelLogEntry.objects.filter(
            action="certificates.issue",
            object_id__in=[str(pk) for pk in certificates.values_list("pk", flat=True)],
        )
        .values("object_id")
        .annotate(entries=Count("id"))
    )
    issue_times = ModelLogEntry.objects.filter(
        action="certificates.issue",
        object_id__in=[str(pk) for pk in certificates.values_list("pk", flat=True)],
    ).values_list("timestamp", flat=True)
    return {
        "learners_logged_in": learners.filter(last_login__isnull=False).count(),
        "enrolments": Enrolment.objects.filter(learner__in=learners).count(),
        "attempts": Attempt.objects.filter(learner__in=learners).count(),
        "attempts_passed": Attempt.objects.filter(
            learner__in=learners, passed=True
        ).count(),
        "completions": completions.count(),
        "completion_times": [
            t.isoformat() for t in completions.values_list("completed_at", flat=True)
        ],
        "certificates": certificates.count(),
        "certificates_with_pdf": certificates.exclude(sha256="").count(),
        "completions_without_certificate": completions.filter(
            certificate__isnull=True
        ).count(),
        "issue_entries": sum(row["entries"] for row in issued),
        "certificates_issued_twice": sum(1 for row in issued if row["entries"] > 1),
        "issue_times": [t.isoformat() for t in issue_times],
        "certificate_files": list(certificates.values_list("file", flat=True)),
    }


def pending_certificates(database):
    """Completions of the journey learners still without a stored certificate."""
    return int(
        psql(
            "SELECT count(*) FROM progress_coursecompletion c "
            "JOIN progress_enrolment e ON e.id = c.enrolment_id "
            "JOIN accounts_user u ON u.id = e.learner_id "
            "LEFT JOIN certificates_certificate x ON x.completion_id = c.id "
            f"WHERE u.email LIKE '%@{DOMAIN}' AND coalesce(x.sha256, '') = ''",
            database=database,
        ).stdout.strip()
    )


# A mail server that only counts ---------------------------------------------------


class MailSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for Django's backend (no TLS, no auth): counts the messages
    per recipient."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmtpSession)
        self.lock = threading.Lock()
        self.recipients = Counter()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self):
        return self.server_address[1]


class SmtpSession(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 sink")
        recipients = []
        for raw in self.rfile:
            command = raw.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.partition(":")[2].strip(" <>").lower())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with .")
                for line in self.rfile:
                    if line in (b".\r\n", b".\n"):
                        break
                with self.server.lock:
                    self.server.recipients.update(recipients)
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # RSET, NOOP and anything else
                self.reply("250 OK")


# The benchmark --------------------------------------------------------------------


def parse_time(text):
    return datetime.fromisoformat(text)


def run_size(size, options, work):
    """The journey on a copy of the size's database: its figures and checks."""
    name = f"bench_journey_{size}"
    template = ensure_seeded(size)
    out(f"\n{size:,} learners: copying {template} to {name}…")
    copy_database(template, name)
    try:
        manage(name, "migrate", "--verbosity", "0")
        psql("ANALYZE", database=name)
        page_serving.collect_static(name, work)
        pool = options.pool or options.learners * POOL_PER_USER
        plan = child("setup", name, __file__, "--pool", str(pool))
        plan_path = work / f"plan-{size}.json"
        plan_path.write_text(json.dumps(plan))
        media = work / f"media-{size}"
        sink = MailSink()
        server = Server(
            name,
            work,
            web_concurrency=options.web_concurrency,
            extra_env={
                "MEDIA_ROOT": str(media),
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(sink.port),
                "EMAIL_USE_TLS": "false",
            },
        )
        with server:
            out(f"  serving with bin/serve at {server.url}; {pool} fresh accounts")
            cpu_before = server.cpu_seconds()
            started = datetime.now(UTC)
            stats = run_locust(
                "journey.py",
                "JourneyLearner",
                host=server.url,
                plan_path=plan_path,
                users=options.learners,
                run_time=options.seconds,
                prefix=work / f"journey-{size}",
            )
            ended = datetime.now(UTC)
            out(f"  locust done; waiting (at most {DRAIN_TIMEOUT} s) for certificates…")
            drained = False
            deadline = time.monotonic() + DRAIN_TIMEOUT
            while not drained and time.monotonic() < deadline:
                drained = pending_certificates(name) == 0
                time.sleep(2)  # and the last emails go out after their transaction
            cpu_after = server.cpu_seconds()
        found = child("verify", name, __file__)
    finally:
        if not options.keep_database:
            drop_database(name)
    cpu = {role: cpu_after[role] - cpu_before[role] for role in cpu_after}
    return figures(stats, found, sink, started, ended, drained, cpu, media)


def figures(stats, found, sink, started, ended, drained, cpu, media):
    minutes = (ended - started).total_seconds() / 60
    total = stats["Aggregated"]
    completions = found["completions"]
    issued = sorted(map(parse_time, found["issue_times"]))
    files = [name for name in found["certificate_files"] if name]
    to_learners = sum(
        count for address, count in sink.recipients.items() if address.endswith(DOMAIN)
    )
    return {
        "stats": stats,
        "found": found,
        "minutes": minutes,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "completions_per_minute": completions / minutes,
        "certificates_in_run": sum(1 for t in issued if t <= ended),
        "certificates_per_minute": sum(1 for t in issued if t <= ended) / minutes,
        "caught_up_after": (
            max(0.0, (issued[-1] - ended).total_seconds())
            if drained and issued
            else None
        ),
        "web_cpu_per_completion": cpu["web"] / max(completions, 1),
        "worker_cpu_per_certificate": cpu["workers"] / max(len(issued), 1),
        "checks": {
            "no HTTP failures": int(total["Failure Count"]) == 0,
            "every completion has a certificate": (
                found["completions_without_certificate"] == 0
            ),
            "every certificate rendered and stored": (
                found["certificates_with_pdf"] == completions
            ),
            "one issue entry per certificate (none issued twice)": (
                found["issue_entries"] == found["certificates"]
                and found["certificates_issued_twice"] == 0
            ),
            "one PDF file per certificate": (
                sum(1 for name in files if (media / name).exists())
                == found["certificates"]
                and len(set(files)) == len(files)
            ),
            "one email per certificate": to_learners == found["certificates"],
        },
    }


def report(size, result):
    found, stats = result["found"], result["stats"]
    out(
        f"\n{size:,} learners: {result['requests']:,} requests, "
        f"{result['failures']} failures ({result['rps']:.1f} req/s)"
    )
    out(f"{'request':<20} {'count':>7} {'p50 ms':>7} {'p95 ms':>7} {'failures':>9}")
    for name, row in sorted(stats.items()):
        if name != "Aggregated":
            out(
                f"{name:<20} {int(row['Request Count']):7d} {float(row['50%']):7.0f} "
                f"{float(row['95%']):7.0f} {int(row['Failure Count']):9d}"
            )
    out(
        f"learners who logged in: {found['learners_logged_in']}, enrolments "
        f"{found['enrolments']}, quiz attempts {found['attempts']} "
        f"({found['attempts_passed']} passed)"
    )
    out(
        f"completions: {found['completions']} in {result['minutes']:.1f} min = "
        f"{result['completions_per_minute']:.1f} per minute"
    )
    caught_up = result["caught_up_after"]
    out(
        f"certificates stored during the run: {result['certificates_in_run']} = "
        f"{result['certificates_per_minute']:.1f} per minute; all "
        f"{found['certificates_with_pdf']} "
        + (
            f"stored {caught_up:.1f} s after the run ended"
            if caught_up is not None
            else f"NOT stored within {DRAIN_TIMEOUT} s"
        )
    )
    out(
        f"CPU: web {1000 * result['web_cpu_per_completion']:.0f} ms per completion "
        f"(every request of a course), Celery "
        f"{1000 * result['worker_cpu_per_certificate']:.0f} ms per certificate"
    )
    for label, ok in result["checks"].items():
        out(f"{'ok    ' if ok else 'FAILED'} {label}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument(
        "--size", type=int, nargs="+", default=[10_000], help="one or more sizes"
    )
    parser.add_argument(
        "--web-concurrency",
        type=int,
        default=None,
        help="gunicorn workers (default: bin/serve's)",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="keep the scratch copies bench_journey_<size>",
    )
    parser.add_argument("--child", choices=["setup", "verify"])
    parser.add_argument("--pool", type=int, default=None)
    options = parser.parse_args()
    if options.child == "setup":
        out(json.dumps(journey_setup(options.pool)))
        return
    if options.child == "verify":
        out(json.dumps(journey_verify()))
        return

    out(f"# {machine()}")
    out(f"# {options.learners} simulated learners for {options.seconds} s")
    work = Path(tempfile.mkdtemp(prefix="bench-journey-"))
    out(f"# locust CSV and logs in {work}")
    try:
        results = {size: run_size(size, options, work) for size in options.size}
    finally:
        page_serving.tidy(work)
    for size, result in results.items():
        report(size, result)
    if len(results) > 1:
        small, large = min(results), max(results)
        a, b = results[small], results[large]
        out(f"\n{large:,} over {small:,} learners:")
        for key, label in (
            ("completions_per_minute", "completions per minute"),
            ("certificates_per_minute", "certificates per minute"),
            ("web_cpu_per_completion", "web CPU per completion"),
            ("worker_cpu_per_certificate", "Celery CPU per certificate"),
        ):
            out(f"  {label:<28} {b[key] / a[key]:.2f}x")
    ok = all(all(result["checks"].values()) for result in results.values())
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
