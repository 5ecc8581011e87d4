"""The completion report's pages at 10k and 100k learners: time and queries per page.

    .venv/bin/python benchmarks/report_pages.py [--sizes 10000 100000] [--repeat 5]

Uses the databases `bench_report_<size>` that benchmarks/report_export.py fills
(run it first). Each page is requested through Django's test client as a superuser
(every row in scope) and as the focal point of the largest organisation, after one
warm-up request; the median of the repeats is printed with the number of queries.
The figure to read is the ratio between sizes: a page that costs the same at 100k
as at 10k scales.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PAGES = [
    ("first page", ""),
    ("page 200", "?p=200"),
    ("sorted by learner", "?ordering=learner_name"),
    ("overdue only", "?status=overdue"),
    ("search", "?q=load-00001"),
    ("sorted by progress", "?ordering=-progress"),
]


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def child(repeat):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from learning.accounts.models import Organisation
    from learning.accounts.roles import appoint_focal_point

    users = get_user_model().objects
    admin, _ = users.get_or_create(
        email="bench-admin@example.org",
        defaults={"is_superuser": True, "is_staff": True},
    )
    largest = (
        Organisation.objects.annotate(people=Count("members"))
        .order_by("-people")
        .first()
    )
    focal, created = users.get_or_create(email="bench-focal@example.org")
    if created:
        appoint_focal_point(focal, [largest])
    results = {}
    for who, user in (("admin", admin), (f"focal point ({largest.acronym})", focal)):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for name, query in PAGES:
            url = "/admin/reports/completion/" + query
            client.get(url)
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, (url, response.status_code)
            results[f"{who}: {name}"] = {
                "seconds": statistics.median(times),
                "queries": len(queries),
            }
    print(json.dumps(results))  # noqa: T201 - read by the parent process


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true")
    options = parser.parse_args()
    if options.child:
        child(options.repeat)
        return
    by_size = {}
    for size in options.sizes:
        result = subprocess.run(
            [sys.executable, __file__, "--child", "--repeat", str(options.repeat)],
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={
                **os.environ,
                "DATABASE_URL": f"{SERVER}/bench_report_{size}",
                "LOG_LEVEL": "WARNING",
            },
        )
        by_size[size] = json.loads(result.stdout.strip().splitlines()[-1])
    sizes = options.sizes
    out("| page | " + " | ".join(f"{size:,} learners" for size in sizes) + " | ratio |")
    out("|---|" + "---|" * (len(sizes) + 1))
    for page in by_size[sizes[0]]:
        figures = [by_size[size][page] for size in sizes]
        cells = [f"{f['seconds']:.3f} s, {f['queries']} q" for f in figures]
        ratio = by_size[sizes[-1]][page]["seconds"] / by_size[sizes[0]][page]["seconds"]
        out(f"| {page} | " + " | ".join(cells) + f" | {ratio:.2f}x |")


if __name__ == "__main__":
    main()
