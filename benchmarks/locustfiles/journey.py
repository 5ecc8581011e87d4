"""Learners taking courses from enrolment to completion (benchmarks/learner_journey.py
runs it):

    locust -f benchmarks/locustfiles/journey.py --headless -u 20 -r 20 -t 120s ...

Each simulated user is one learner at a time, from the plan's pool of fresh
accounts (names confirmed, so certificates are issued): log in, then for each load
course in turn, starting with a different one for each learner: read the course
page, enrol, read each module and mark it done, start the quiz, answer every
question right and submit, read the result. Once a learner has every course, the
user logs in as the next account of the pool.

The right answers come from the plan (read from the question bank before the run);
the attempt page only says which input carries which choice, as it does for anyone.
"""

import itertools
import re

from common import Accounts, choices_on, load_plan, location, log_in, post_form
from locust import FastHttpUser, task
from locust.exception import StopUser

PLAN = load_plan()
ACCOUNTS = Accounts(PLAN["accounts"])
ATTEMPT_PATH = re.compile(r"^/en/attempts/(\d+)/$")
STARTS = itertools.count()


def right_answers(page, answers):
    """The form fields for an attempt page, each answered right."""
    fields = []
    for field, options in choices_on(page).items():
        key = answers[field.removeprefix("q-")]
        if key["type"] == "true_false":
            value = "true" if key["answer"] else "false"
            fields.append((field, value))
            continue
        right = set(key["answer"])
        fields.extend((field, token) for token, label in options if label in right)
    return fields


class JourneyLearner(FastHttpUser):
    def on_start(self):
        self.courses = []
        self.next_learner()

    def next_learner(self):
        account = ACCOUNTS.take()
        if account is None:
            raise StopUser()  # the pool is used up: the report says so
        if not log_in(self.client, account, PLAN["password"]):
            raise StopUser()
        courses = PLAN["courses"]
        first = next(STARTS) % len(courses)
        self.courses = courses[first:] + courses[:first]

    @task
    def next_course(self):
        if not self.courses:
            self.next_learner()
        self.take_course(self.courses.pop(0))

    def page(self, url, name, expect=200):
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != expect:
                response.failure(f"{url} answered {response.status_code}")
            else:
                response.success()
        return response

    def take_course(self, course):
        self.page(course["url"], "course page")
        enrolled = post_form(
            self.client, f"/en/courses/{course['id']}/enrol/", name="enrol"
        )
        if enrolled.status_code != 302:
            return
        for module in course["modules"]:
            self.page(module["url"], "module page")
            done = post_form(
                self.client, f"/en/modules/{module['id']}/done/", name="mark done"
            )
            if done.status_code != 302:
                return
        self.take_quiz(course["quiz"])

    def take_quiz(self, quiz):
        self.page(quiz["url"], "quiz page")
        started = post_form(
            self.client,
            f"/en/quizzes/{quiz['id']}/start/",
            name="quiz start",
            to=ATTEMPT_PATH,
        )
        attempt_url = location(started)
        if not ATTEMPT_PATH.match(attempt_url):
            return
        attempt = self.page(attempt_url, "quiz attempt page")
        submitted = post_form(
            self.client,
            f"{attempt_url}submit/",
            right_answers(attempt.text, PLAN["answers"]),
            name="quiz submit",
            to=ATTEMPT_PATH,
        )
        if submitted.status_code != 302:
            return
        with self.client.get(
            attempt_url, name="quiz result page", catch_response=True
        ) as result:
            if "result--passed" not in result.text:
                result.failure("the quiz was not passed with the right answers")
            else:
                result.success()
