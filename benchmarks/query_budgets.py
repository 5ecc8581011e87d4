"""The learner pages' query budgets, checked on a database with synthetic volume.

    .venv/bin/python benchmarks/query_budgets.py [--size 100000] [--repeat 5]

Uses the database `bench_report_<size>` that benchmarks/report_export.py fills with
`seed_load` (run it first). For each learner page it takes a seed_load learner in
the state the page's test uses (an active enrolment, not completed; or completed,
with a certificate, for the completion panel), requests the page through Django's
test client after one warm-up, and compares the number of queries with the budget
pinned by the test suite (imported from the tests, so the two cannot drift). It
prints the count, the budget and the median time. Exits 1 if any page runs more
queries than its budget.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times, counts = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        times.append(time.perf_counter() - started)
        counts.append(len(queries))
        assert response.status_code == 200, (url, response.status_code)
    return max(counts), statistics.median(times)


def child(repeat):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from courses.models import CoursePage, ModulePage
    from learning.progress.models import Enrolment
    from tests.courses.test_query_budget import CATALOGUE_QUERIES, COURSE_QUERIES
    from tests.progress.test_views import (
        COMPLETED_COURSE_QUERIES,
        DASHBOARD_QUERIES,
        ENROLLED_COURSE_QUERIES,
        ENROLLED_STEP_QUERIES,
    )

    setup_test_environment()  # the test client's response context
    course = CoursePage.objects.live().filter(slug="load-course-001").get()
    enrolment = (
        Enrolment.objects.active()
        .not_completed()
        .filter(course_key=course.translation_key, due_at__isnull=True)
        .select_related("learner")
        .order_by("pk")
        .first()
    )
    learner = enrolment.learner
    step = ModulePage.objects.live().child_of(course).order_by("path").first()
    enrolments = Enrolment.objects.filter(learner=learner).count()
    graduate = (
        Enrolment.objects.active()
        .filter(
            course_key=course.translation_key, completions__certificate__isnull=False
        )
        .select_related("learner")
        .order_by("pk")
        .first()
        .learner
    )

    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(learner)
    completed = Client()
    completed.force_login(graduate)
    pages = [
        ("catalogue (anonymous)", anonymous, "/en/", CATALOGUE_QUERIES),
        ("course page (anonymous)", anonymous, course.url, COURSE_QUERIES),
        ("course page (enrolled)", signed_in, course.url, ENROLLED_COURSE_QUERIES),
        ("module page (enrolled)", signed_in, step.url, ENROLLED_STEP_QUERIES),
        (
            "course page (completed, with certificate)",
            completed,
            course.url,
            COMPLETED_COURSE_QUERIES,
        ),
        (
            f"dashboard ({enrolments} enrolment{'s' if enrolments != 1 else ''})",
            signed_in,
            "/en/my-learning/",
            DASHBOARD_QUERIES,
        ),
    ]
    over = 0
    out("| page | queries | budget (tests) | median time |")
    out("|---|---|---|---|")
    for name, client, url, budget in pages:
        count, seconds = measure(client, url, repeat)
        mark = "" if count <= budget else " **over**"
        over += count > budget
        out(f"| {name} | {count}{mark} | {budget} | {seconds * 1000:.0f} ms |")
    sys.exit(1 if over else 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true")
    options = parser.parse_args()
    if options.child:
        child(options.repeat)
        return
    out(f"# {options.size:,} learners (bench_report_{options.size})")
    result = subprocess.run(
        [sys.executable, __file__, "--child", "--repeat", str(options.repeat)],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": f"{SERVER}/bench_report_{options.size}",
            "LOG_LEVEL": "WARNING",
            "DEBUG": "false",
        },
    )
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
