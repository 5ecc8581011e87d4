"""Exporting the full completion report as CSV, against psql's \\copy of the same query.

    .venv/bin/python benchmarks/report_export.py [--sizes 10000 100000] [--runs 3]

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/...) and
psql. For each size it uses a database `bench_report_<size>`, filled once with
`seed_load --learners <size> --courses 5` (kept for later runs). Each run, in a
fresh process:

- "ours": the export job as a worker runs it (`run_export`: the report's query
  through a server-side cursor, rows written as CSV to a temporary file, then
  stored), as a superuser, so every row is exported;
- "\\copy": psql's `\\copy (<the same SQL>) TO file WITH CSV HEADER`, the SQL taken
  from the very queryset the export iterates.

It prints the wall time of each, the ratio (target at most 3x), and the peak
resident memory of the exporting process (target: the same at every size, within
10%). Runs alternate so both see the same machine.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
ADMIN_EMAIL = "bench-admin@example.org"


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def database_url(size):
    return f"{SERVER}/bench_report_{size}"


def run(command, **kwargs):
    return subprocess.run(command, check=True, cwd=ROOT, **kwargs)


def manage(size, *args, capture=False):
    env = {**os.environ, "DATABASE_URL": database_url(size), "LOG_LEVEL": "WARNING"}
    return run(
        [sys.executable, "manage.py", *args],
        env=env,
        capture_output=capture,
        text=True,
    )


def prepare(size):
    """The database for this size, created, migrated and seeded if needed."""
    name = f"bench_report_{size}"
    exists = run(
        [
            "psql",
            SERVER + "/postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname='{name}'",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        run(["psql", SERVER + "/postgres", "-qc", f"CREATE DATABASE {name}"])
    manage(size, "migrate", "--verbosity", "0")
    manage(size, "seed_load", "--learners", str(size), "--courses", "5")


def measure(size, what):
    """One measurement in a fresh process: {"seconds", "rows", "peak_mb"}."""
    result = run(
        [sys.executable, __file__, "--child", what],
        env={**os.environ, "DATABASE_URL": database_url(size), "LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def child(what):
    """Runs in the measured process (Django set up against the size's database)."""
    import resource

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.http import QueryDict
    from django.utils import timezone

    from learning.reports.completion import COLUMNS
    from learning.reports.exports import fingerprint, run_export
    from learning.reports.filters import CompletionReport
    from learning.reports.models import ReportExport

    admin, _ = get_user_model().objects.get_or_create(
        email=ADMIN_EMAIL, defaults={"is_superuser": True, "is_staff": True}
    )
    now = timezone.now()
    if what in ("ours", "ours-xlsx"):
        export = ReportExport.objects.create(
            requested_by=admin,
            report="completion",
            format="xlsx" if what == "ours-xlsx" else "csv",
            fingerprint=fingerprint(admin, "completion", "csv", f"bench-{now}"),
            created_at=now,
        )
        started = time.perf_counter()
        export = run_export(export.pk)
        seconds = time.perf_counter() - started
        rows = export.rows_done
        export.file.delete()
        export.delete()
    else:
        rows_queryset = CompletionReport(admin, QueryDict(""), now=now).rows()
        keys = [column.key for column in COLUMNS]
        sql, params = rows_queryset.values_list(*keys).query.sql_with_params()
        with connection.cursor() as cursor:
            literal = cursor.mogrify(sql, params)
        with tempfile.NamedTemporaryFile(suffix=".csv") as target:
            command = f"\\copy ({literal}) TO '{target.name}' WITH CSV HEADER"
            started = time.perf_counter()
            subprocess.run(
                ["psql", os.environ["DATABASE_URL"], "-qc", command], check=True
            )
            seconds = time.perf_counter() - started
            with open(target.name, "rb") as file:
                rows = sum(1 for _line in file) - 1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out(json.dumps({"seconds": seconds, "rows": rows, "peak_mb": peak_mb}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["ours", "ours-xlsx", "copy"])
    options = parser.parse_args()
    if options.child:
        child(options.child)
        return

    out(
        f"# {platform.node()}: {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    results = {}
    for size in options.sizes:
        out(f"preparing {size} learners (seed_load, once per database)…")
        prepare(size)
        ours, copy = [], []
        for _run in range(options.runs):
            ours.append(measure(size, "ours"))
            copy.append(measure(size, "copy"))
        xlsx = measure(size, "ours-xlsx")
        results[size] = (ours, copy, xlsx)
        ours_s = statistics.median(r["seconds"] for r in ours)
        copy_s = statistics.median(r["seconds"] for r in copy)
        peak = max(r["peak_mb"] for r in ours)
        out(
            f"{size:>7} learners, {ours[0]['rows']} rows: ours {ours_s:.2f} s, "
            f"\\copy {copy_s:.2f} s ({copy[0]['rows']} rows), ratio "
            f"{ours_s / copy_s:.2f}x (target ≤ 3x); peak memory {peak:.0f} MB"
        )
        out(
            f"{size:>7} learners, the same as XLSX: {xlsx['seconds']:.2f} s, "
            f"peak memory {xlsx['peak_mb']:.0f} MB"
        )
    if len(results) > 1:
        peaks = {
            size: max(r["peak_mb"] for r in ours)
            for size, (ours, _copy, _xlsx) in results.items()
        }
        low, high = min(peaks.values()), max(peaks.values())
        out(
            f"peak memory across sizes: {low:.0f}–{high:.0f} MB, "
            f"spread {100 * (high - low) / low:.1f}% (target ≤ 10%)"
        )


if __name__ == "__main__":
    main()
