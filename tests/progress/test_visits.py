"""A visit to a step is remembered, without a write on every page view."""

from datetime import UTC, datetime, timedelta

import pytest

from courses.models import CoursePage
from learning.progress.models import StepProgress
from learning.progress.services import enrol, record_visit
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def built_course(module_db):
    """Built once for the module (pages are slow to build)."""
    return make_course(modules=1).pk


@pytest.fixture
def visit(built_course):
    course = CoursePage.objects.get(pk=built_course)  # a copy of its own per test
    enrolment = enrol(UserFactory(), course, now=NOW)
    step = course.step_list[0]

    def at(moment, known=None):
        return record_visit(enrolment, step, now=moment, known=known)

    return at


def test_the_first_visit_starts_the_step(visit):
    progress = visit(NOW)
    assert (progress.started_at, progress.last_visited_at) == (NOW, NOW)
    assert StepProgress.objects.count() == 1


def test_visits_within_a_minute_write_nothing(visit, django_assert_num_queries):
    progress = visit(NOW)
    with django_assert_num_queries(0):
        visit(NOW + timedelta(seconds=59), known=progress)
    assert StepProgress.objects.get().last_visited_at == NOW


def test_a_later_visit_is_remembered(visit, django_assert_num_queries):
    progress = visit(NOW)
    later = NOW + timedelta(minutes=5)
    with django_assert_num_queries(1):
        visit(later, known=progress)
    stored = StepProgress.objects.get()
    assert (stored.started_at, stored.last_visited_at) == (NOW, later)
    # Without the row at hand, it is looked up first.
    visit(later + timedelta(minutes=5))
    assert StepProgress.objects.get().last_visited_at == later + timedelta(minutes=5)
