"""Every state-changing learner endpoint, found in the URL configuration, refuses a
locked step, a step of a course the learner is not enrolled in and another
learner's object, and changes nothing (issue 20, item 3).

The endpoints are the site's URLs (not the admin's) that reach an object by id;
each has a row in ENDPOINTS saying what its id names, so a new one fails
`test_every_learner_endpoint_has_a_row` until it has one, and is then posted to in
every situation below without a test of its own.
"""

import logging

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.models import Page

from assessments.services import start_attempt
from learning.converters import IdConverter
from learning.progress.services import enrol
from tests.assessments.factories import make_question, make_quiz
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db

# What each endpoint's id names: "course", "module", "quiz" or "attempt".
ENDPOINTS = {
    "progress:enrol": "course",
    "progress:withdraw": "course",
    "progress:recertify": "course",
    "progress:mark_done": "module",
    "assessments:start": "quiz",
    "assessments:attempt": "attempt",
    "assessments:save": "attempt",
    "assessments:submit": "attempt",
}
# Enrolling is what a learner not enrolled in a course may do.
ALLOWED = {("progress:enrol", "a course they are not enrolled in")}
# The learner records a refused request must leave as they were.
LEARNER_APPS = ("progress", "assessments", "certificates")


def learner_endpoints():
    """{name: the id's keyword} of the site's URL patterns (not the admin's) that
    take an id."""

    def walk(patterns, namespace, in_admin):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(
                    pattern.url_patterns, inner, in_admin or "admin" in route
                )
                continue
            converters = getattr(pattern.pattern, "converters", {})
            for keyword, converter in converters.items():
                if not in_admin and isinstance(converter, IdConverter):
                    yield ":".join(filter(None, [namespace, pattern.name])), keyword

    return dict(walk(get_resolver().url_patterns, None, False))


class Situations:
    """A learner enrolled in a course taken in order, none of whose steps is done;
    a course they are not enrolled in; another learner's attempt at its quiz."""

    def __init__(self):
        now = timezone.now()
        self.learner = UserFactory(email="lena@unicef.example")
        self.other = UserFactory(email="omar@unhcr.example")

        ordered = make_course("Taken in order")
        ordered.steps_in_order = True
        ordered.save_revision().publish()
        make_module(ordered, title="First things first")
        locked_module = make_module(ordered, title="Second")
        locked_quiz = make_quiz(ordered, questions=[make_question()])
        enrol(self.learner, ordered, now=now)

        theirs = make_course("Not theirs")
        their_module = make_module(theirs, title="Someone else's reading")
        their_quiz = make_quiz(theirs, questions=[make_question()])
        enrol(self.other, theirs, now=now)
        others_attempt = start_attempt(their_quiz, self.other, now=now)

        self.targets = {
            "a locked step": {"module": locked_module, "quiz": locked_quiz},
            "a course they are not enrolled in": {
                "course": theirs,
                "module": their_module,
                "quiz": their_quiz,
            },
            "another learner's object": {"attempt": others_attempt},
        }


@pytest.fixture(scope="module")
def situations(module_db):
    return Situations()


def learner_records():
    return [
        list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in LEARNER_APPS and not issubclass(model, Page)
    ]


def test_every_learner_endpoint_has_a_row():
    assert sorted(learner_endpoints()) == sorted(ENDPOINTS)


CASES = [
    (url_name, situation)
    for url_name, kind in ENDPOINTS.items()
    for situation, kinds in {
        "a locked step": {"module", "quiz"},
        "a course they are not enrolled in": {"course", "module", "quiz"},
        "another learner's object": {"attempt"},
    }.items()
    if kind in kinds and (url_name, situation) not in ALLOWED
]


@pytest.mark.parametrize(("url_name", "situation"), CASES)
def test_a_post_in_this_situation_changes_nothing(
    client, situations, caplog, url_name, situation
):
    target = situations.targets[situation][ENDPOINTS[url_name]]
    url = reverse(url_name, kwargs={learner_endpoints()[url_name]: target.pk})
    client.force_login(situations.learner)
    before = learner_records()

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(url, {"confirm": "1"})

    assert learner_records() == before, f"POST {url} ({situation}) changed a record"
    # Refused (a redirect with the reason, or a 4xx), never carried out or a 500.
    assert 300 <= response.status_code < 500, f"POST {url}: {response.status_code}"
    assert not [r for r in caplog.records if r.name == "django.request"]
