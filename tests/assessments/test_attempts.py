"""Starting, answering and submitting attempts (services, clock passed in)."""

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from taggit.models import Tag

from assessments.models import Attempt, AttemptStatus, QuestionType
from assessments.services import (
    AttemptFinished,
    InvalidAnswer,
    NoAttemptsLeft,
    close_expired_attempts,
    save_answers,
    start_attempt,
    submit_attempt,
)
from tests.assessments.factories import make_question, make_quiz, token_of
from tests.factories import UserFactory, fresh, make_course

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def learner():
    return UserFactory()


@pytest.fixture(scope="module")
def built(module_db):
    """The course, and the quiz most tests take, built once per module (a
    published page costs ~0.1 s). Tests that need a quiz of their own add it to
    this course."""
    single = make_question(QuestionType.SINGLE_CHOICE, points=2)
    numeric = make_question(QuestionType.NUMERIC, numeric_tolerance=Decimal(1))
    course = make_course()
    quiz = make_quiz(
        course, questions=[single, numeric], pass_mark=60, attempts_allowed=2
    )
    return {"single": single, "numeric": numeric, "course": course, "quiz": quiz}


@pytest.fixture(scope="module")
def other_quiz(built):
    """Another quiz of the course, with a question of its own."""
    return make_quiz(built["course"], questions=[make_question()], title="Other")


# Each test gets fresh copies: tests edit a question and the quiz, and add
# quizzes to the course.


@pytest.fixture
def single(built):
    return fresh(built["single"])


@pytest.fixture
def numeric(built):
    return fresh(built["numeric"])


@pytest.fixture
def course(built):
    return fresh(built["course"])


@pytest.fixture
def quiz(built):
    return fresh(built["quiz"])


def test_an_attempt_freezes_its_questions_and_an_edit_does_not_change_it(
    quiz, single, learner
):
    attempt = start_attempt(quiz, learner, now=NOW)

    single.prompt = "<p>Edited after the start</p>"
    single.save()

    attempt.refresh_from_db()
    assert [q["id"] for q in attempt.questions] == [
        single.pk,
        attempt.questions[1]["id"],
    ]
    assert attempt.questions[0]["prompt"] == "<p>What is it?</p>"


def test_starting_twice_gives_back_the_open_attempt(quiz, learner):
    first = start_attempt(quiz, learner, now=NOW)

    assert start_attempt(quiz, learner, now=NOW + timedelta(minutes=5)) == first
    assert Attempt.objects.count() == 1


def test_the_database_refuses_a_second_open_attempt(quiz, learner):
    attempt = start_attempt(quiz, learner, now=NOW)

    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(
            learner=learner, quiz=quiz, number=2, started_at=NOW, questions=[]
        )
    assert Attempt.objects.get() == attempt


def test_submitting_scores_on_the_server_and_the_best_is_kept_apart(
    quiz, single, numeric, learner
):
    attempt = start_attempt(quiz, learner, now=NOW)

    submitted = submit_attempt(
        attempt.pk,
        learner,
        {str(single.pk): token_of(attempt, single, "Right"), str(numeric.pk): "40"},
        now=NOW + timedelta(minutes=3),
    )

    assert submitted.status == AttemptStatus.SUBMITTED
    assert submitted.score == Decimal("66.67")  # 2 of 3 points
    assert submitted.passed
    assert submitted.results == {str(single.pk): "1", str(numeric.pk): "0"}


def test_a_second_submit_records_nothing_new(quiz, single, learner):
    attempt = start_attempt(quiz, learner, now=NOW)
    right = token_of(attempt, single, "Right")
    wrong = token_of(attempt, single, "Wrong")
    submit_attempt(attempt.pk, learner, {str(single.pk): right}, now=NOW)

    with pytest.raises(AttemptFinished, match="already submitted"):
        submit_attempt(
            attempt.pk, learner, {str(single.pk): wrong}, now=NOW + timedelta(hours=1)
        )

    attempt.refresh_from_db()
    assert attempt.finished_at == NOW
    assert attempt.answers == {str(single.pk): right}


def test_attempts_are_limited_unless_the_quiz_is_unlimited(quiz, learner):
    for _ in range(2):
        attempt = start_attempt(quiz, learner, now=NOW)
        submit_attempt(attempt.pk, learner, {}, now=NOW)

    with pytest.raises(NoAttemptsLeft):
        start_attempt(quiz, learner, now=NOW)

    quiz.attempts_allowed = None
    quiz.save()
    assert start_attempt(quiz, learner, now=NOW).number == 3


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("unknown-question", "not part of this attempt"),
        ("other-question-choice", "does not belong to it"),
        ("numeric-text", "enter a number"),
        ("too-long", "too long"),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(
    quiz, other_quiz, single, numeric, learner, answers, message
):
    attempt = start_attempt(quiz, learner, now=NOW)
    other = start_attempt(fresh(other_quiz), learner, now=NOW)
    answers = {
        "unknown-question": {"999999": "x"},
        "other-question-choice": {
            str(single.pk): other.questions[0]["choices"][0]["token"]
        },
        "numeric-text": {str(numeric.pk): "forty-two"},
        "too-long": {str(numeric.pk): "4" * 501},
    }[answers]

    with pytest.raises(InvalidAnswer, match=message):
        save_answers(attempt.pk, learner, answers, now=NOW)

    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_another_learners_attempt_cannot_be_touched(quiz, learner):
    attempt = start_attempt(quiz, learner, now=NOW)

    with pytest.raises(Attempt.DoesNotExist):
        submit_attempt(attempt.pk, UserFactory(), {}, now=NOW)


def test_a_late_submit_is_refused_and_scored_as_it_stood_at_the_deadline(
    course, single, learner
):
    quiz = make_quiz(course, questions=[single], time_limit_minutes=10)
    attempt = start_attempt(quiz, learner, now=NOW)
    right = token_of(attempt, single, "Right")
    save_answers(attempt.pk, learner, {str(single.pk): right}, now=NOW)

    with pytest.raises(AttemptFinished, match="time limit"):
        submit_attempt(attempt.pk, learner, {}, now=NOW + timedelta(minutes=11))

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.EXPIRED
    assert attempt.finished_at == NOW + timedelta(minutes=10)
    assert attempt.score == 100


def test_a_submit_within_the_grace_period_counts(course, single, learner):
    quiz = make_quiz(course, questions=[single], time_limit_minutes=10)
    attempt = start_attempt(quiz, learner, now=NOW)

    submitted = submit_attempt(
        attempt.pk, learner, {}, now=NOW + timedelta(minutes=10, seconds=20)
    )

    assert submitted.status == AttemptStatus.SUBMITTED


def test_abandoned_timed_attempts_are_closed_by_the_periodic_job(
    course, single, learner
):
    quiz = make_quiz(course, questions=[single], time_limit_minutes=10)
    start_attempt(quiz, learner, now=NOW)
    start_attempt(make_quiz(course, questions=[single]), learner, now=NOW)  # untimed

    assert close_expired_attempts(now=NOW + timedelta(minutes=5)) == 0
    assert close_expired_attempts(now=NOW + timedelta(minutes=20)) == 1
    assert Attempt.objects.open().count() == 1


def test_random_draws_pick_distinct_bank_questions_reproducibly(
    course, single, learner
):
    tag = Tag.objects.create(name="Procurement")
    bank = [make_question(title=f"Bank {n}", topics=["Procurement"]) for n in range(6)]
    quiz = make_quiz(course, questions=[single], draws=[(tag, 3)])

    first = start_attempt(quiz, learner, now=NOW, rng=random.Random(7))
    ids = [q["id"] for q in first.questions]
    Attempt.objects.all().delete()
    again = start_attempt(quiz, learner, now=NOW, rng=random.Random(7))

    assert ids[0] == single.pk
    assert len(set(ids)) == 4
    assert set(ids[1:]) <= {q.pk for q in bank}
    assert [q["id"] for q in again.questions] == ids


def test_choice_tokens_say_nothing_about_which_choice_is_right(quiz, single, learner):
    attempt = start_attempt(quiz, learner, now=NOW)
    tokens = [c["token"] for c in attempt.questions[0]["choices"]]

    assert len(set(tokens)) == 3
    assert all(str(choice.pk) not in tokens for choice in single.choices.all())


def test_the_periodic_task_closes_abandoned_attempts(course, single, learner):
    from django.utils import timezone

    from assessments.tasks import close_abandoned_attempts

    quiz = make_quiz(course, questions=[single], time_limit_minutes=1)
    start_attempt(quiz, learner, now=timezone.now() - timedelta(minutes=5))

    close_abandoned_attempts.delay()

    assert Attempt.objects.get().status == AttemptStatus.EXPIRED


def test_extra_attempts_let_one_learner_try_again(quiz, learner):
    from assessments.models import ExtraAttempts

    for _ in range(2):
        attempt = start_attempt(quiz, learner, now=NOW)
        submit_attempt(attempt.pk, learner, {}, now=NOW)
    ExtraAttempts.objects.create(learner=learner, quiz=quiz, attempts=1, reason="Ill")

    third = start_attempt(quiz, learner, now=NOW)
    submit_attempt(third.pk, learner, {}, now=NOW)

    assert third.number == 3
    with pytest.raises(NoAttemptsLeft):
        start_attempt(quiz, learner, now=NOW)
    assert start_attempt(quiz, UserFactory(), now=NOW).number == 1


def test_extra_time_applies_to_every_timed_attempt_of_the_learner(
    course, single, learner
):
    from assessments.models import ExtraTime

    ExtraTime.objects.create(learner=learner, percent=50, reason="Accommodation")
    timed = make_quiz(course, questions=[single], time_limit_minutes=20)
    untimed = make_quiz(course, questions=[single])

    assert start_attempt(timed, learner, now=NOW).deadline == NOW + timedelta(
        minutes=30
    )
    assert start_attempt(untimed, learner, now=NOW).deadline is None
    assert start_attempt(timed, UserFactory(), now=NOW).deadline == NOW + timedelta(
        minutes=20
    )


def test_reopening_and_resetting_are_recorded_in_the_audit_log(quiz, learner):
    from wagtail.models import ModelLogEntry

    from assessments.services import reopen_attempt, reset_attempt

    admin = UserFactory(is_superuser=True)
    attempt = start_attempt(quiz, learner, now=NOW)
    submit_attempt(attempt.pk, learner, {}, now=NOW)

    reopened = reopen_attempt(attempt, by=admin, now=NOW + timedelta(days=1))
    assert reopened.is_open and reopened.score is None
    submit_attempt(attempt.pk, learner, {}, now=NOW + timedelta(days=1))
    reset_attempt(attempt, by=admin)

    assert quiz.attempts_left(learner) == 2  # a reset attempt does not count
    entries = ModelLogEntry.objects.filter(object_id=str(attempt.pk)).order_by("pk")
    assert [(e.action, e.user_id) for e in entries] == [
        ("assessments.reopen_attempt", admin.pk),
        ("assessments.reset_attempt", admin.pk),
    ]
    assert entries[0].data == {"status": "submitted", "score": "0.00"}


def test_finishing_an_attempt_is_announced_once_after_commit(
    quiz, learner, django_capture_on_commit_callbacks
):
    from assessments.signals import attempt_finished

    received = []

    def receiver(sender, attempt_id, **kwargs):
        received.append(attempt_id)

    attempt_finished.connect(receiver)
    try:
        attempt = start_attempt(quiz, learner, now=NOW)
        with django_capture_on_commit_callbacks(execute=True):
            submit_attempt(attempt.pk, learner, {}, now=NOW)
        with (
            pytest.raises(AttemptFinished),
            django_capture_on_commit_callbacks(execute=True),
        ):
            submit_attempt(attempt.pk, learner, {}, now=NOW)
    finally:
        attempt_finished.disconnect(receiver)

    assert received == [attempt.pk]
