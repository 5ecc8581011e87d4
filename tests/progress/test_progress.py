"""Enrolment, step progress and the completion rule (services, clock passed in)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from assessments.models import Question
from assessments.services import start_attempt, submit_attempt
from courses.models import CoursePage
from learning.progress.models import CourseCompletion, Enrolment
from learning.progress.services import complete_step, enrol, record_visit
from learning.progress.signals import course_completed
from tests.assessments.factories import make_question, make_quiz, token_of
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture(scope="module")
def built(module_db):
    """The course and its quiz's question, built once for the module."""
    question = make_question()
    course = make_course("Joint procurement", estimated_hours=Decimal("2.5"))
    make_module(course, title="Why buy together")
    make_quiz(course, questions=[question], title="Quiz one", pass_mark=100)
    make_module(course, title="Extra reading", optional=True)
    return {"question": question.pk, "course": course.pk}


# Each test gets copies of its own: some change the course's steps.


@pytest.fixture
def question(built):
    return Question.objects.get(pk=built["question"])


@pytest.fixture
def course(built):
    return CoursePage.objects.get(pk=built["course"])


def pass_quiz(quiz, learner, question, now=NOW, choice="Right"):
    attempt = start_attempt(quiz, learner, now=now)
    answers = {str(question.pk): token_of(attempt, question, choice)}
    return submit_attempt(attempt.pk, learner, answers, now=now)


def test_enrolling_twice_keeps_one_active_enrolment(course, learner):
    first = enrol(learner, course, now=NOW)

    assert enrol(learner, course, now=NOW + timedelta(days=1)) == first
    assert Enrolment.objects.count() == 1


def test_the_database_refuses_a_second_active_enrolment(course, learner):
    enrol(learner, course, now=NOW)

    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            learner=learner,
            course=course,
            course_key=course.translation_key,
            enrolled_at=NOW,
        )


def test_passing_the_last_required_quiz_completes_the_course_once(
    course, learner, question, django_capture_on_commit_callbacks
):
    enrolment = enrol(learner, course, now=NOW)
    module, quiz, _optional = course.steps()
    completed = []

    def receiver(sender, completion_id, **kwargs):
        completed.append(completion_id)

    course_completed.connect(receiver)

    assert complete_step(enrolment, module, now=NOW) is None
    pass_quiz(quiz, learner, question, choice="Wrong")  # failed: not complete
    assert not CourseCompletion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(quiz, learner, question, now=NOW + timedelta(hours=1))

    completion = CourseCompletion.objects.get()
    assert completion.completed_at == NOW + timedelta(hours=1)
    assert completion.score == Decimal("100.00")  # the best attempt counts
    assert completion.hours == Decimal("2.5")
    course_completed.disconnect(receiver)
    assert completed == [completion.pk]
    assert complete_step(enrolment, module, now=NOW + timedelta(days=1)) == completion
    assert CourseCompletion.objects.count() == 1


def test_the_database_refuses_a_second_completion_of_a_cycle(course, learner):
    enrolment = enrol(learner, course, now=NOW)
    CourseCompletion.objects.create(enrolment=enrolment, completed_at=NOW, hours=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        CourseCompletion.objects.create(enrolment=enrolment, completed_at=NOW, hours=1)


def test_progress_survives_republishing_and_reordering(course, learner):
    enrolment = enrol(learner, course, now=NOW)
    module = course.steps()[0]
    record_visit(enrolment, module, now=NOW)
    complete_step(enrolment, module, now=NOW)

    module.title = "Why agencies buy together"
    module.save_revision().publish()
    module.move(course, pos="last-child")

    keys = set(
        enrolment.step_progress.filter(completed_at__isnull=False).values_list(
            "step_key", flat=True
        )
    )
    assert module.translation_key in keys


def test_a_step_added_later_does_not_take_a_completion_away(
    course, learner, question, django_capture_on_commit_callbacks
):
    enrolment = enrol(learner, course, now=NOW)
    module, quiz, _optional = course.steps()
    complete_step(enrolment, module, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(quiz, learner, question)
    assert CourseCompletion.objects.count() == 1

    make_module(course, title="A new module")

    assert enrolment.completions.count() == 1
