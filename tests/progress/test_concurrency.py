"""Two requests completing the same course at once give one completion (PostgreSQL,
overlap forced with a barrier between the check and the write)."""

import threading
from datetime import UTC, datetime

import pytest

from learning.progress import services
from learning.progress.models import CourseCompletion, StepProgress
from tests.assessments.test_concurrency import run_together
from tests.factories import UserFactory, make_course, make_module

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_simultaneous_completions_write_one(monkeypatch):
    learner = UserFactory()
    course = make_course()
    module = make_module(course)
    enrolment = services.enrol(learner, course, now=NOW)
    StepProgress.objects.create(
        enrolment=enrolment,
        step_key=module.translation_key,
        started_at=NOW,
        last_visited_at=NOW,
        completed_at=NOW,
    )
    barrier = threading.Barrier(2, timeout=10)
    original = services.course_score

    def paused(*args, **kwargs):
        # Both requests have found no completion when they get here.
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "course_score", paused)

    results = run_together(
        lambda: services.complete_course_if_done(enrolment, now=NOW),
        lambda: services.complete_course_if_done(enrolment, now=NOW),
    )

    assert not barrier.broken
    assert all(isinstance(result, CourseCompletion) for result in results), results
    assert results[0].pk == results[1].pk
    assert CourseCompletion.objects.count() == 1
