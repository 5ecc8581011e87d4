"""Certificate rendering: our render against WeasyPrint rendering the same HTML bare.

    .venv/bin/python benchmarks/certificate_render.py [--renders 30] [--per-worker 40]

"Ours" is render_certificate(): the Django template, the QR code (segno), image data
URLs and the safe URL fetcher, then WeasyPrint. "Bare" is WeasyPrint alone on the
final HTML of the same certificate, with its default fetcher reading the same static
files from a temporary folder, twice: "bare" with the fonts as shipped (WOFF2, which
WeasyPrint decompresses in Python on every render) and "bare-ttf" with the fonts
already decompressed, as our fetcher serves them: the fair measure of our overhead.
Renders alternate so that all three see the same machine. Then certificates per
minute with 1 and 2 worker processes rendering in parallel (rendering only: no
storage). No database is needed: the template and certificate are in memory.
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from fontTools.ttLib import woff2  # noqa: E402
from weasyprint import HTML  # noqa: E402

from learning.certificates.models import (  # noqa: E402
    Certificate,
    CertificateTemplate,
    Signatory,
)
from learning.certificates.rendering import (  # noqa: E402
    PDF_VARIANT,
    STATIC_ORIGIN,
    certificate_html,
    render_certificate,
)

STATIC_FILES = [
    "certificates/fonts.css",
    "certificates/certificate.css",
    "certificates/emblem.svg",
    *(
        f"fonts/noto-sans-{subset}-{weight}-normal.woff2"
        for subset in ("latin", "latin-ext", "cyrillic")
        for weight in (400, 600, 700)
    ),
    "fonts/noto-sans-arabic-arabic-400-normal.woff2",
    "fonts/noto-sans-arabic-arabic-700-normal.woff2",
]


def sample(number=0):
    template = CertificateTemplate(name="Benchmark", is_default=True)
    template.signatories = [
        Signatory(name="Programme Manager", title="ICT Strategy Programme"),
        Signatory(name="Director", title="United Nations System Staff College"),
    ]
    completed = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
    return Certificate(
        template=template,
        code=f"BENCH{number:07d}",
        name_printed="Amina Diallo",
        course_title="ICT strategy for senior managers",
        language="en",
        completed_at=completed,
        hours=Decimal("6"),
        score=Decimal("87.5"),
        issued_at=completed,
    )


def bare_html(folder, *, decompress):
    html, _data_urls = certificate_html(sample())
    for name in STATIC_FILES:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if decompress and name.endswith(".woff2"):
            with open(finders.find(name), "rb") as source:
                woff2.decompress(source, str(target))
        else:
            shutil.copyfile(finders.find(name), target)
    return html.replace(STATIC_ORIGIN, folder.as_uri() + "/")


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def timed(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def render_many(count):
    for number in range(count):
        render_certificate(sample(number))
    return count


def per_minute(workers, per_worker):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(render_many, [1] * workers))  # warm each worker up
        start = time.perf_counter()
        total = sum(pool.map(render_many, [per_worker] * workers))
        elapsed = time.perf_counter() - start
    return total / elapsed * 60


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--per-worker", type=int, default=40)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="certificate-bench-") as folder:
        shipped = bare_html(Path(folder) / "woff2", decompress=False)
        decompressed = bare_html(Path(folder) / "ttf", decompress=True)
        renders = {
            "ours": lambda: render_certificate(sample()),
            "bare": lambda: HTML(string=shipped).write_pdf(pdf_variant=PDF_VARIANT),
            "bare-ttf": lambda: HTML(string=decompressed).write_pdf(
                pdf_variant=PDF_VARIANT
            ),
        }
        for render in renders.values():  # warm-up: imports, caches
            render()
            render()
        times = {label: [] for label in renders}
        for _ in range(args.renders):
            for label, render in renders.items():
                times[label].append(timed(render))

    out(f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}")
    out(f"{args.renders} renders each, seconds per render (mean / median / max):")
    for label, values in times.items():
        out(
            f"  {label:8}: {statistics.mean(values):.3f} / "
            f"{statistics.median(values):.3f} / {max(values):.3f}"
        )
    ours = statistics.median(times["ours"])
    for label in ("bare", "bare-ttf"):
        ratio = ours / statistics.median(times[label])
        out(f"  ratio ours / {label} (medians): {ratio:.2f}x (target <= 1.2x)")
    for workers in (1, 2):
        rate = per_minute(workers, args.per_worker)
        out(f"  {workers} worker(s): {rate:.0f} certificates per minute")


if __name__ == "__main__":
    main()
