"""Page serving under load, one scenario per user class (benchmarks/page_serving.py
runs them one at a time):

    locust -f benchmarks/locustfiles/pages.py --headless -u 20 -r 20 Dashboard ...

Each class requests one kind of page as fast as the server answers (no think time),
so the figures compare what each page costs the server. Learners log in once, in
`on_start`, with an account from the plan that is enrolled in the course.
"""

import re

from common import Accounts, choices_on, load_plan, location, log_in, phases, post_form
from locust import FastHttpUser, task
from locust.exception import StopUser

PLAN = load_plan()
ATTEMPT_PATH = re.compile(r"^/en/attempts/(\d+)/$")


class Baseline(FastHttpUser):
    """An anonymous visitor reading a minimal Wagtail page: title and one
    paragraph, no learner data."""

    def on_start(self):
        phases.user_ready(self.environment)

    @task
    def about_page(self):
        self.client.get(PLAN["baseline_url"], name="baseline", allow_redirects=False)


class Learner(FastHttpUser):
    abstract = True
    scenario = None  # the plan's list of accounts for this class

    def on_start(self):
        accounts = ACCOUNTS[self.scenario]
        self.account = accounts.take()
        if not log_in(self.client, self.account["email"], PLAN["password"]):
            raise StopUser()
        phases.user_ready(self.environment)

    def get_page(self, url, name):
        """A page the learner may read: a redirect (a locked step, a lost session)
        counts as a failure."""
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{url} answered {response.status_code}")
            else:
                response.success()
        return response


class ModulePage(Learner):
    scenario = "module"

    @task
    def module_page(self):
        self.get_page(self.account["module_url"], "module page")


class CoursePage(Learner):
    scenario = "course"

    @task
    def course_page(self):
        self.get_page(self.account["course_url"], "course page")


class Dashboard(Learner):
    scenario = "dashboard"

    @task
    def dashboard(self):
        self.get_page(PLAN["dashboard_url"], "dashboard")


class QuizSubmission(Learner):
    """Start an attempt, read it, submit an answer to every question (the first
    choice: right or wrong does not matter here), read the result. The submission
    is the request measured; the others are reported under their own names."""

    scenario = "quiz"

    @task
    def take_quiz(self):
        started = post_form(
            self.client,
            f"/en/quizzes/{self.account['quiz_id']}/start/",
            name="quiz start",
            to=ATTEMPT_PATH,
        )
        attempt_url = location(started)
        if not ATTEMPT_PATH.match(attempt_url):
            return  # refused: the start request is already counted as a failure
        page = self.get_page(attempt_url, "quiz attempt page")
        choices = choices_on(page.text)
        answers = [(field, options[0][0]) for field, options in choices.items()]
        submitted = post_form(
            self.client,
            f"{attempt_url}submit/",
            answers,
            name="quiz submit",
            to=ATTEMPT_PATH,
        )
        if submitted.status_code == 302:
            self.get_page(location(submitted), "quiz result page")


ACCOUNTS = {
    scenario: Accounts(PLAN["accounts"][scenario], wrap=True)
    for scenario in ("module", "course", "dashboard", "quiz")
}
