"""What the benchmark locustfiles share: the plan the benchmark script wrote, logging
in, and the phases of a measured run.

The benchmark script passes everything through the environment:

- BENCH_PLAN: a JSON file with the accounts and pages to use (written before the run
  from the database, so no simulated user reads anything it should not know);
- BENCH_WARMUP and BENCH_MEASURE (seconds): once every user has logged in, requests
  run for BENCH_WARMUP seconds, the statistics are reset, requests run for
  BENCH_MEASURE seconds more, and locust stops. Without BENCH_MEASURE locust runs
  for its own `-t` and nothing is reset.
"""

import html
import itertools
import json
import logging
import os
import re
import time
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urlencode

import gevent
from locust import events

logger = logging.getLogger("bench")

# An answer input and its label, as assessments/includes/question_input.html writes
# them.
CHOICE = re.compile(
    r'<input type="(?:radio|checkbox)" name="(q-[^"]+)" id="[^"]+" value="([^"]+)"'
    r'[^>]*>\s*<label for="[^"]+">([^<]*)</label>'
)


def load_plan():
    with open(os.environ["BENCH_PLAN"]) as file:
        return json.load(file)


class Accounts:
    """Hands out the plan's accounts in order (one locust process, so a plain
    counter is enough: users run as greenlets in one thread). Each once, and then
    None; or, with `wrap`, round again."""

    def __init__(self, accounts, *, wrap=False):
        self.accounts = accounts
        self.wrap = wrap
        self.next = itertools.count()

    def take(self):
        index = next(self.next)
        if self.wrap:
            index %= len(self.accounts)
        if index >= len(self.accounts):
            return None
        return self.accounts[index]


def csrf_token(client):
    """The CSRF secret from the cookie jar (Django accepts it unmasked)."""
    for cookie in client.cookiejar:
        if cookie.name == "csrftoken":
            return cookie.value
    raise LookupError("no csrftoken cookie")


class PlainHttpCookies(DefaultCookiePolicy):
    """The production settings mark the session, CSRF and messages cookies Secure
    (TLS ends at the proxy in front). The benchmark talks plain HTTP on loopback, as
    the proxy would, so it sends them back all the same."""

    def return_ok_secure(self, cookie, request):
        return True


def log_in(client, email, password):
    """Log in through the login form, as a browser would. Returns True on success
    (Django answers a good login with a redirect)."""
    client.cookiejar.set_policy(PlainHttpCookies())
    client.cookiejar.clear()
    client.get("/en/accounts/login/", name="login form")
    response = post_form(
        client,
        "/en/accounts/login/",
        [("username", email), ("password", password)],
        name="login",
    )
    return response.status_code == 302


def post_form(client, url, data=(), *, name, expect=302, to=None):
    """A form post with the CSRF token, not following the redirect. `data` is a list
    of (field, value) pairs, so a field may repeat (checkboxes). A redirect
    elsewhere than the pattern `to` (when given) is a failure. Returns the response
    (its Location header says where the site sends the learner)."""
    body = urlencode([*data, ("csrfmiddlewaretoken", csrf_token(client))])
    with client.post(
        url,
        data=body,
        headers={
            "Referer": client.base_url + url,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        allow_redirects=False,
        name=name,
        catch_response=True,
    ) as response:
        if response.status_code != expect:
            response.failure(f"{url} answered {response.status_code}")
        elif to is not None and not re.match(to, location(response)):
            response.failure(f"{url} redirected to {location(response)}")
        else:
            response.success()
    return response


def choices_on(page):
    """The answer inputs of an attempt page: {field name: [(value, label), ...]}."""
    found = {}
    for name, value, label in CHOICE.findall(page):
        found.setdefault(name, []).append((value, html.unescape(label).strip()))
    return found


def location(response):
    """The path a redirect points to."""
    value = response.headers.get("Location") or ""
    return re.sub(r"^https?://[^/]+", "", value)


def group_cpu_seconds(pgid):
    """CPU time used so far by the processes of a process group (the gunicorn
    master and its workers), with that of their children already reaped."""
    ticks = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as file:
                fields = file.read().rpartition(")")[2].split()
        except OSError:
            continue  # ended meanwhile
        # After the command: state, ppid, pgrp, ..., utime, stime, cutime, cstime.
        if int(fields[2]) == pgid:
            ticks += sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


class ServerCpu:
    """The server's CPU time over the measured window, when the benchmark names
    its process group (BENCH_SERVER_PGID) and a file for the figures
    (BENCH_CPU_OUT). Less noisy than latency on a shared machine: other jobs
    slow a request down, but hardly change the CPU it needs."""

    def __init__(self):
        self.pgid = int(os.environ.get("BENCH_SERVER_PGID", "0"))
        self.start = None

    def begin(self):
        if self.pgid:
            self.start = (time.monotonic(), group_cpu_seconds(self.pgid))

    def end(self, stats):
        if not (self.pgid and self.start):
            return
        wall, cpu = time.monotonic(), group_cpu_seconds(self.pgid)
        with open(os.environ["BENCH_CPU_OUT"], "w") as file:
            json.dump(
                {
                    "cpu_seconds": cpu - self.start[1],
                    "wall_seconds": wall - self.start[0],
                    "requests": stats.total.num_requests,
                },
                file,
            )


class Phases:
    """Warm-up, then measurement, started once every user is logged in."""

    def __init__(self):
        self.ready_users = 0
        self.started = False

    def user_ready(self, environment):
        self.ready_users += 1
        if self.started or not os.environ.get("BENCH_MEASURE"):
            return
        if self.ready_users >= environment.parsed_options.num_users:
            self.started = True
            gevent.spawn(self.run, environment)

    def run(self, environment):
        warmup = float(os.environ.get("BENCH_WARMUP", "5"))
        measure = float(os.environ["BENCH_MEASURE"])
        logger.info("all users logged in: warming up for %.0f s", warmup)
        gevent.sleep(warmup)
        server_cpu = ServerCpu()
        environment.runner.stats.reset_all()
        server_cpu.begin()
        logger.info("measuring for %.0f s", measure)
        gevent.sleep(measure)
        server_cpu.end(environment.runner.stats)
        # Let the CSV writer (once a second) catch the final figures, then stop.
        gevent.sleep(1.5)
        environment.runner.quit()


phases = Phases()


@events.test_start.add_listener
def _reset_phases(environment, **kwargs):
    phases.ready_users = 0
    phases.started = False
