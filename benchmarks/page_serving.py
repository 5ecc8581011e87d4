"""Page serving under load: learners' pages against a minimal Wagtail page, served by
the production topology on PostgreSQL.

    .venv/bin/python benchmarks/page_serving.py [--sizes 10000 100000] [--users 20]
        [--seconds 30] [--warmup 5]

For each size it copies the database `bench_report_<size>` (filled by
`seed_load --learners <size> --courses 5`, see report_export.py) to a scratch
database, so nothing the run writes (visits, attempts, sessions) reaches the shared
one; migrates the copy, adds the about page, and serves it with `bin/serve` (gunicorn,
Celery workers and beat, plain HTTP on loopback, Redis as broker and shared cache,
each a database of the benchmark's own). Then, one scenario at a time, locust
runs headless in its own process (benchmarks/locustfiles/pages.py) with `--users`
simulated users and no think time:

- baseline: an anonymous visitor on /en/about/ (an InfoPage: title and one
  paragraph, no learner data), before each learner scenario and again last;
- module page, course page, dashboard: seed_load learners with an active enrolment
  in the course, each logged in once;
- quiz submission: the same kind of learners start an attempt, read it, submit an
  answer to every question and read the result; the submission is measured.

Each scenario warms up for `--warmup` seconds once every user is logged in, then
is measured for `--seconds`. The table gives requests per second, p50 and p95, the
p50 as a ratio of the baseline's (the mean of the windows just before and after
the scenario, and how far those two differ; target at most 1.5x),
the CPU time gunicorn spent per request in the same window (less disturbed by other
jobs on a shared machine than latency) and its ratio to the baseline's, and
failures; with two sizes, the growth from the smaller to the larger.
"""

import argparse
import csv
import json
import os
import platform
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
LOCUSTFILES = BENCHMARKS / "locustfiles"
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# Redis databases of the benchmarks' own, emptied before and after each run: the
# broker, and the cache shared by the server's processes (CACHE_URL, as deployed;
# BENCH_CACHE= empty leaves each process its own cache in memory).
BROKER = os.environ.get("BENCH_BROKER", "redis://127.0.0.1:6379/12")
CACHE = os.environ.get("BENCH_CACHE", "redis://127.0.0.1:6379/11")
LOAD_PASSWORD = "load-pass-2026"  # learning/demo/load.py
P50_TARGET = 1.5
# Accounts handed to each scenario (users beyond this share accounts).
ACCOUNTS_PER_SCENARIO = 100
LEARNER_SCENARIOS = [
    # (label, locust user class, request measured)
    ("module page", "ModulePage", "module page"),
    ("course page", "CoursePage", "course page"),
    ("dashboard", "Dashboard", "dashboard"),
    ("quiz submission", "QuizSubmission", "quiz submit"),
]
# A shared VM's speed drifts by a third within minutes: each learner scenario runs
# between two baseline windows and is compared with their mean, so that a ratio
# compares windows a minute apart, never the start of a run with its end.
SCENARIOS = [
    run
    for number, scenario in enumerate(LEARNER_SCENARIOS, start=1)
    for run in ((f"baseline {number}", "Baseline", "baseline"), scenario)
] + [(f"baseline {len(LEARNER_SCENARIOS) + 1}", "Baseline", "baseline")]


def out(line=""):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def machine():
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.node()}: {os.cpu_count()} cores, {memory:.0f} GiB, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M %Z')}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )


# Databases ------------------------------------------------------------------------


def database_url(name):
    return f"{POSTGRES}/{name}"


def psql(sql, database="postgres", check=True):
    return subprocess.run(
        ["psql", database_url(database), "-qtAc", sql],
        capture_output=True,
        text=True,
        check=check,
    )


def ensure_seeded(size):
    """The shared database of this size, filled by report_export.py's prepare() if
    it does not exist yet (it is kept, and reused by the other benchmarks)."""
    name = f"bench_report_{size}"
    if psql(f"SELECT 1 FROM pg_database WHERE datname='{name}'").stdout.strip():
        return name
    sys.path.insert(0, str(BENCHMARKS))
    import report_export

    out(f"seeding {name} (seed_load --learners {size} --courses 5, once)…")
    report_export.prepare(size)
    return name


def copy_database(template, name, wait=300):
    """A scratch copy of `template`. PostgreSQL copies only a database nobody is
    connected to: while another benchmark uses it, wait (bounded)."""
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    deadline = time.monotonic() + wait
    while True:
        result = psql(f"CREATE DATABASE {name} TEMPLATE {template}", check=False)
        if result.returncode == 0:
            return name
        if "being accessed by other users" not in result.stderr:
            raise RuntimeError(result.stderr.strip())
        if time.monotonic() > deadline:
            raise RuntimeError(f"{template} stayed in use for {wait} s; try later")
        out(f"  {template} is in use by another session; waiting…")
        time.sleep(10)


def drop_database(name):
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", check=False)


def manage(database, *args, env=None):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        check=True,
        env={
            **os.environ,
            "DATABASE_URL": database_url(database),
            "LOG_LEVEL": "WARNING",
            **(env or {}),
        },
    )


def prepare_copy(size, name, work):
    """A migrated scratch copy of the size's database, with the about page, and the
    static files collected for the production settings."""
    template = ensure_seeded(size)
    copy_database(template, name)
    manage(name, "migrate", "--verbosity", "0")
    manage(
        name,
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from courses.authoring import ensure_catalogue;"
        "from learning.demo.seeding import seed_about_page;"
        "seed_about_page(ensure_catalogue())",
    )
    psql("ANALYZE", database=name)
    collect_static(name, work)


def tidy(work):
    """Keep the CSV files and logs of a run; drop the files the server needed."""
    for path in work.iterdir():
        if path.is_dir() and path.name.startswith(("static", "media", "private")):
            shutil.rmtree(path, ignore_errors=True)


def collect_static(database, work):
    """The static files as the production settings serve them (hashed names, a
    manifest), once per run: the server starts with SERVE_SKIP_SETUP=1."""
    if (work / "static" / "staticfiles.json").exists():
        return
    manage(
        database,
        "collectstatic",
        "--noinput",
        "--verbosity",
        "0",
        env={**server_env(database, work), "DJANGO_SETTINGS_MODULE": PRODUCTION},
    )


def child(task, database, *args):
    """Run `task` of this script (or another benchmark's) in a process with Django
    set up against `database`; returns its last line of output, parsed as JSON."""
    result = subprocess.run(
        [sys.executable, *args, "--child", task],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DATABASE_URL": database_url(database),
            "LOG_LEVEL": "WARNING",
        },
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")
    import django

    django.setup()


def learner_plan(accounts):
    """Runs in a child: seed_load learners with an active enrolment, for each
    scenario; printed as JSON for the locustfile."""
    setup_django()
    from django.urls import reverse
    from django.utils import translation

    from assessments.models import QuizPage
    from courses.models import CoursePage, InfoPage, ModulePage
    from learning.progress.models import Enrolment

    rng = random.Random(2026)
    courses = {
        course.pk: course
        for course in CoursePage.objects.filter(slug__startswith="load-course-")
    }
    steps = {pk: course.step_list for pk, course in courses.items()}
    active = list(
        Enrolment.objects.active()
        .filter(
            learner__email__endswith="@load.example.org",
            course__in=courses,
            learner__is_active=True,
        )
        .values_list("pk", "learner__email", "course_id")
        .order_by("pk")
    )

    def entry(learner, course_id, enrolment_pk):
        modules = [s for s in steps[course_id] if isinstance(s, ModulePage)]
        visited = set(
            Enrolment.objects.get(pk=enrolment_pk)
            .step_progress.values_list("step_key", flat=True)
            .order_by()
        )
        # The module the learner is on: the last one visited, else the first.
        current = next(
            (m for m in reversed(modules) if m.translation_key in visited), modules[0]
        )
        quiz = next(s for s in steps[course_id] if isinstance(s, QuizPage))
        return {
            "email": learner,
            "course_url": courses[course_id].url,
            "module_url": current.url,
            "quiz_id": quiz.pk,
        }

    sample = rng.sample(active, min(accounts, len(active)))
    # Quizzes of courses taken in order stay locked until the modules are done:
    # attempts come from learners of the courses taken in any order.
    unordered = [row for row in active if not courses[row[2]].steps_in_order]
    quiz_sample = rng.sample(unordered, min(accounts, len(unordered)))
    with translation.override("en"):
        plan = {
            "password": LOAD_PASSWORD,
            "baseline_url": InfoPage.objects.get(slug="about").url,
            "dashboard_url": reverse("progress:dashboard"),
            "accounts": {
                "module": [entry(email, c, pk) for pk, email, c in sample],
                "quiz": [entry(email, c, pk) for pk, email, c in quiz_sample],
            },
        }
    plan["accounts"]["course"] = plan["accounts"]["module"]
    plan["accounts"]["dashboard"] = plan["accounts"]["module"]
    return plan


# The server -----------------------------------------------------------------------

PRODUCTION = "learning.settings.production"


def server_env(database, work, **extra):
    return {
        **os.environ,
        "DATABASE_URL": database_url(database),
        "CELERY_BROKER_URL": BROKER,
        "CACHE_URL": CACHE,
        "SERVE_PLAIN_HTTP": "1",
        "SERVE_SKIP_SETUP": "1",
        "SECURE_SSL_REDIRECT": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def redis_flush():
    """Empty the benchmark's own Redis databases (the broker's queues, the cache)."""
    for url in filter(None, (BROKER, CACHE)):
        subprocess.run(
            ["redis-cli", "-u", url, "FLUSHDB"], check=True, capture_output=True
        )


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`bin/serve` (gunicorn, Celery workers and beat) in its own process group:
    started, waited for until it says it is serving, stopped with SIGTERM (it
    stops its children). Its output goes to a log in the work directory."""

    def __init__(
        self, database, work, *, web_concurrency=None, celery_workers=2, extra_env=None
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            "PORT": str(self.port),
            "BIND": "127.0.0.1",
            "CELERY_WORKERS": str(celery_workers),
            **(extra_env or {}),
        }
        if web_concurrency:
            env["WEB_CONCURRENCY"] = str(web_concurrency)
        self.env = server_env(database, work, **env)
        self.log_path = work / f"server-{database}.log"
        self.process = None
        self.serving = threading.Event()

    def start(self, timeout=180):
        serve = ROOT / "bin" / "serve"
        if not serve.exists():
            raise SystemExit("bin/serve is missing: the benchmark serves through it")
        redis_flush()
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [str(serve)],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self.follow, daemon=True).start()
        if not self.serving.wait(timeout) or self.process.poll() is not None:
            self.stop()
            raise RuntimeError(f"bin/serve did not start; see {self.log_path}")
        return self

    def web_process_group(self):
        """The process group of gunicorn (bin/serve starts it in its own): its
        master, whose parent is bin/serve, and the workers."""
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            is_gunicorn = any(part.endswith(b"gunicorn") for part in command[:2])
            if is_gunicorn and int(fields[1]) == self.process.pid:
                return int(fields[2])
        return None

    def cpu_seconds(self):
        """CPU time used so far by bin/serve's processes, by role: "web" (gunicorn
        and its workers) and "workers" (Celery workers and beat, with their
        pools); processes already reaped count in their parent's."""
        processes = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                command = (entry / "cmdline").read_bytes()
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            ticks = sum(int(value) for value in fields[11:15])
            processes[int(entry.name)] = (int(fields[1]), ticks, command)
        children = {}
        for pid, (parent, _ticks, _command) in processes.items():
            children.setdefault(parent, []).append(pid)

        def tree(pid):
            return processes[pid][1] + sum(tree(c) for c in children.get(pid, []))

        seconds = {"web": 0.0, "workers": 0.0}
        for pid in children.get(self.process.pid, []):
            command = processes[pid][2]
            role = "web" if b"gunicorn" in command else "workers"
            if b"gunicorn" in command or b"celery" in command:
                seconds[role] += tree(pid) / os.sysconf("SC_CLK_TCK")
        return seconds

    def follow(self):
        """Copy the server's output to its log, watching for its ready line."""
        for line in self.process.stdout:
            self.log.write(line)
            if line.startswith("Serving http://"):
                self.serving.set()
        self.serving.set()  # it ended: start() must not wait any longer

    def stop(self, timeout=60):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()
        redis_flush()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# Locust ---------------------------------------------------------------------------


def run_locust(
    locustfile,
    user_class,
    *,
    host,
    plan_path,
    users,
    prefix,
    measure=None,
    warmup=5,
    run_time=None,
    extra_env=None,
):
    """Locust headless in its own process; returns its CSV rows by request name
    (and, when extra_env names the server's process group, its CPU time in
    `<prefix>_cpu.json`)."""
    bound = run_time or (warmup + measure + 120)
    command = [
        str(ROOT / ".venv/bin/locust"),
        "-f",
        str(LOCUSTFILES / locustfile),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{int(bound)}s",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--exit-code-on-error",
        "0",
        "--only-summary",
        "--loglevel",
        "WARNING",
        user_class,
    ]
    env = {
        **os.environ,
        "BENCH_PLAN": str(plan_path),
        "BENCH_CPU_OUT": f"{prefix}_cpu.json",
        **(extra_env or {}),
    }
    if measure is not None:
        env |= {"BENCH_WARMUP": str(warmup), "BENCH_MEASURE": str(measure)}
    with open(f"{prefix}.log", "w") as log:
        subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            check=True,
            timeout=bound + 120,
        )
    return read_stats(prefix)


def read_stats(prefix):
    with open(f"{prefix}_stats.csv", newline="") as file:
        return {row["Name"]: row for row in csv.DictReader(file)}


def figures(rows, name):
    row = rows.get(name)
    if row is None or not int(row["Request Count"]):
        return None
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"]),
        "p95": float(row["95%"]),
    }


# The benchmark --------------------------------------------------------------------


def measure_size(size, options, work):
    """Every scenario on a copy of the size's database: {label: figures}."""
    name = f"bench_serve_{size}"
    out(f"\n{size:,} learners: copying bench_report_{size} to {name}…")
    prepare_copy(size, name, work)
    try:
        plan = child("plan", name, __file__, "--accounts", str(ACCOUNTS_PER_SCENARIO))
        plan_path = work / f"plan-{size}.json"
        plan_path.write_text(json.dumps(plan))
        results = {}
        with Server(name, work, web_concurrency=options.web_concurrency) as server:
            pgid = server.web_process_group()
            out(f"  serving with bin/serve at {server.url}")
            for number, (label, user_class, request) in enumerate(SCENARIOS):
                prefix = work / f"{size}-{number}-{user_class}"
                rows = run_locust(
                    "pages.py",
                    user_class,
                    host=server.url,
                    plan_path=plan_path,
                    users=options.users,
                    measure=options.seconds,
                    warmup=options.warmup,
                    prefix=prefix,
                    extra_env={"BENCH_SERVER_PGID": str(pgid or 0)},
                )
                results[label] = found = {
                    **(figures(rows, request) or {}),
                    "failures": int(rows["Aggregated"]["Failure Count"]),
                    "cpu_ms": cpu_per_request(prefix),
                }
                out(f"  {label:<18} {summary(found)}")
    finally:
        if not options.keep_database:
            drop_database(name)
    return results


def cpu_per_request(prefix):
    """The server's CPU milliseconds per request in the measured window."""
    path = Path(f"{prefix}_cpu.json")
    if not path.exists():
        return None
    cpu = json.loads(path.read_text())
    return 1000 * cpu["cpu_seconds"] / max(cpu["requests"], 1)


def summary(found):
    if "p50" not in found:
        return f"no requests measured; failures {found['failures']}"
    cpu = f"{found['cpu_ms']:5.1f}" if found["cpu_ms"] is not None else "    –"
    return (
        f"{found['rps']:7.1f} req/s  p50 {found['p50']:5.0f} ms  p95 "
        f"{found['p95']:5.0f} ms  server CPU {cpu} ms/req  failures "
        f"{found['failures']}"
    )


# Baseline windows around a scenario that differ by more than this in CPU per
# request mean the machine changed speed meanwhile: that ratio is not to be trusted.
DRIFT_LIMIT = 1.15


def baselines_around(results, label, key):
    number = next(
        number
        for number, (name, _, _) in enumerate(LEARNER_SCENARIOS, start=1)
        if name == label
    )
    values = [results[f"baseline {n}"].get(key) for n in (number, number + 1)]
    return [value for value in values if value]


def baseline_of(results, label, key):
    """The baseline for a learner scenario: the mean of the windows around it."""
    values = baselines_around(results, label, key)
    return statistics.mean(values) if values else None


def drift_around(results, label):
    """How much the machine's speed changed across the scenario: the larger of
    the CPU per request of the baseline windows around it over the smaller."""
    values = baselines_around(results, label, "cpu_ms")
    return max(values) / min(values) if len(values) == 2 else None


def print_table(size, results):
    baselines = [results[label] for label, _, _ in SCENARIOS if "baseline" in label]
    p50s = [found["p50"] for found in baselines if "p50" in found]
    cpus = [found["cpu_ms"] for found in baselines if found.get("cpu_ms")]
    out(
        f"\n{size:,} learners; each scenario against the mean of the baseline windows "
        f"before and after it (baseline p50 {min(p50s):.0f}–{max(p50s):.0f} ms, "
        f"server CPU {min(cpus, default=0):.1f}–{max(cpus, default=0):.1f} ms per "
        "request across the run)"
    )
    out(
        f"{'scenario':<18} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p50/base':>9} {'≤1.5x?':>7} {'CPU ms':>7} {'CPU/base':>9} "
        f"{'drift':>6} {'failures':>9}"
    )
    for label, _user_class, _request in SCENARIOS:
        found = results[label]
        if "p50" not in found:
            out(f"{label:<18} (no requests measured)")
            continue
        ratio, verdict, cpu, cpu_ratio, drift = "", "", "–", "–", ""
        if found["cpu_ms"] is not None:
            cpu = f"{found['cpu_ms']:.1f}"
        if "baseline" not in label:
            ratio = found["p50"] / baseline_of(results, label, "p50")
            verdict = "yes" if ratio <= P50_TARGET else "NO"
            ratio = f"{ratio:.2f}x"
            base_cpu = baseline_of(results, label, "cpu_ms")
            if found["cpu_ms"] is not None and base_cpu:
                cpu_ratio = f"{found['cpu_ms'] / base_cpu:.2f}x"
            if (moved := drift_around(results, label)) is not None:
                drift = f"{moved:.2f}x"
                if moved > DRIFT_LIMIT:
                    verdict += "?"  # the machine changed speed: run again
        out(
            f"{label:<18} {found['rps']:7.1f} {found['p50']:7.0f} {found['p95']:7.0f} "
            f"{ratio:>9} {verdict:>7} {cpu:>7} {cpu_ratio:>9} {drift:>6} "
            f"{found['failures']:9d}"
        )
    out(
        f"(drift: the baseline windows' CPU per request, the larger over the smaller; "
        f"over {DRIFT_LIMIT:.2f}x, marked ?, the machine changed speed meanwhile)"
    )


def print_growth(by_size):
    """Each scenario at the largest size over the smallest: raw, and relative to
    the baseline windows around it (which cancels the machine's drift between
    the two)."""
    small, large = min(by_size), max(by_size)
    a_results, b_results = by_size[small], by_size[large]
    out(
        f"\ncost growth, {large:,} over {small:,} learners (p50 and server CPU per "
        "request; each also relative to the baseline around it)"
    )
    out(f"{'scenario':<18} {'p50':>7} {'p50/base':>9} {'CPU':>7} {'CPU/base':>9}")
    for label, _user_class, _request in LEARNER_SCENARIOS:
        a, b = a_results[label], b_results[label]
        if "p50" not in a or "p50" not in b:
            continue
        row = [b["p50"] / a["p50"]]
        row.append(
            row[0]
            / (
                baseline_of(b_results, label, "p50")
                / baseline_of(a_results, label, "p50")
            )
        )
        if a["cpu_ms"] and b["cpu_ms"]:
            cpu = b["cpu_ms"] / a["cpu_ms"]
            base = baseline_of(b_results, label, "cpu_ms") / baseline_of(
                a_results, label, "cpu_ms"
            )
            row += [cpu, cpu / base]
        out(f"{label:<18} " + " ".join(f"{value:8.2f}x" for value in row))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--web-concurrency",
        type=int,
        default=None,
        help="gunicorn workers (default: bin/serve's)",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="keep the scratch copies bench_serve_<size>",
    )
    parser.add_argument("--child", choices=["plan"])
    parser.add_argument("--accounts", type=int, default=ACCOUNTS_PER_SCENARIO)
    options = parser.parse_args()
    if options.child == "plan":
        out(json.dumps(learner_plan(options.accounts)))
        return

    out(f"# {machine()}")
    out(
        f"# {options.users} users per scenario, {options.warmup} s warm-up, "
        f"{options.seconds} s measured, scenarios one at a time"
    )
    work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    out(f"# locust CSV and logs in {work}")
    by_size = {}
    try:
        for size in options.sizes:
            by_size[size] = measure_size(size, options, work)
    finally:
        tidy(work)
    for size, results in by_size.items():
        print_table(size, results)
    if len(by_size) > 1:
        print_growth(by_size)


if __name__ == "__main__":
    main()
