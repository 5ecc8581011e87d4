"""Re-certification cycles: a new cycle starts only when allowed, starts afresh, keeps
the earlier cycle on record, and counts only its own quiz attempts.

Whether a cycle may start is the certificates' decision (the `may_start_new_cycle`
hook); these tests answer the hook themselves, so progress is tested on its own
(tests/certificates/test_expiry.py tests the certificates' answer)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import ModelLogEntry

from assessments.models import Question
from assessments.services import start_attempt, submit_attempt
from courses.models import CoursePage
from learning.progress.cycles import (
    NewCycleRefused,
    Recertification,
    recertification,
    start_new_cycle,
)
from learning.progress.models import CourseCompletion, Enrolment, StepProgress
from learning.progress.services import complete_step, enrol, mark_course_complete
from learning.progress.signals import course_completed
from learning.progress.state import CourseState
from tests.assessments.factories import make_question, make_quiz, token_of
from tests.factories import UserFactory, make_course, make_module
from tests.progress.test_views import (
    ENROLLED_COURSE_QUERIES,
    outline_states,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=700)
EXPIRES = NOW + timedelta(days=730)


def allow(completion, *, now):
    return Recertification(True, expires_at=EXPIRES, opens_at=EXPIRES - timedelta(30))


def refuse(completion, *, now):
    return Recertification(
        False,
        "Your certificate is valid until later.",
        expires_at=EXPIRES,
        opens_at=EXPIRES - timedelta(days=30),
    )


@pytest.fixture
def allowed():
    with hooks.register_temporarily("may_start_new_cycle", allow):
        yield


@pytest.fixture
def refused():
    with hooks.register_temporarily("may_start_new_cycle", refuse):
        yield


@pytest.fixture(scope="module")
def built(module_db):
    """The course and a learner who completed its cycle 1 with a score of 100,
    built once for the module."""
    questions = [make_question(title="First"), make_question(title="Second")]
    course = make_course("Joint procurement", estimated_hours=Decimal("2.5"))
    make_module(course, title="Why buy together")
    make_quiz(course, questions=questions, title="Quiz one", pass_mark=50)
    make_module(course, title="Extra reading", optional=True)
    enrolment = enrol(UserFactory(), course, now=NOW)
    complete_cycle(
        enrolment,
        course,
        questions,
        TestCase.captureOnCommitCallbacks,
        now=NOW,
        choices=["Right", "Right"],
    )
    return {
        "questions": [question.pk for question in questions],
        "course": course.pk,
        "completed": enrolment.pk,
    }


# Each test gets copies of its own: tests change them (start a new cycle on the
# enrolment) or cache things on them (a course's steps).


@pytest.fixture
def questions(built):
    return [Question.objects.get(pk=pk) for pk in built["questions"]]


@pytest.fixture
def course(built):
    return CoursePage.objects.get(pk=built["course"])


@pytest.fixture
def completed(built):
    """The enrolment of a learner who completed cycle 1 with a score of 100."""
    return Enrolment.objects.get(pk=built["completed"])


@pytest.fixture
def learner(completed):
    return completed.learner


def take_quiz(quiz, learner, questions, choices, *, started, finished=None):
    attempt = start_attempt(quiz, learner, now=started)
    answers = {
        str(question.pk): token_of(attempt, question, choice)
        for question, choice in zip(questions, choices, strict=True)
    }
    return submit_attempt(attempt.pk, learner, answers, now=finished or started)


def complete_cycle(enrolment, course, questions, capture, *, now, choices):
    """Read the module and pass the quiz (callbacks run, as after commit)."""
    module, quiz, _optional = course.steps()
    complete_step(enrolment, module, now=now)
    with capture(execute=True):
        take_quiz(quiz, enrolment.learner, questions, choices, started=now)
    enrolment.refresh_from_db()
    return enrolment.completions.get(cycle=enrolment.cycle)


def state_of(course, learner):
    return CourseState.for_user(course, learner)


# Services


def test_no_new_cycle_before_the_course_is_completed(course, allowed):
    enrolment = enrol(UserFactory(), course, now=NOW)

    with pytest.raises(NewCycleRefused, match="Complete the course first"):
        start_new_cycle(enrolment, now=LATER)

    enrolment.refresh_from_db()
    assert (enrolment.cycle, enrolment.cycle_started_at) == (1, None)


def test_no_new_cycle_when_certificates_do_not_allow_it(completed, refused):
    with pytest.raises(NewCycleRefused, match="valid until later"):
        start_new_cycle(completed, now=LATER)

    completed.refresh_from_db()
    assert completed.cycle == 1
    assert not ModelLogEntry.objects.filter(action="progress.start_cycle").exists()


def test_no_new_cycle_when_nobody_answers(completed):
    """No certificate, or one that never expires: nothing to renew."""
    decision = recertification(completed, now=LATER)

    assert not decision.allowed
    assert "does not expire" in decision.message
    with pytest.raises(NewCycleRefused):
        start_new_cycle(completed, now=LATER)


def test_a_new_cycle_starts_afresh_and_keeps_the_first_on_record(
    course, learner, completed, allowed
):
    first = completed.completions.get()

    start_new_cycle(completed, now=LATER)

    enrolment = Enrolment.objects.get()
    assert (enrolment.cycle, enrolment.cycle_started_at) == (2, LATER)
    state = state_of(course, learner)
    assert state.completion is None
    assert state.previous_completion == first
    assert state.percent == 0
    assert state.progress == {}
    assert state.next_step == course.steps()[0]
    assert [row["state"] for row in state.rows()] == ["todo", "todo", "todo"]
    # Cycle 1 stays on record: its steps and its completion.
    assert StepProgress.objects.filter(cycle=1, completed_at__isnull=False).count() == 2
    assert list(CourseCompletion.objects.all()) == [first]
    entry = ModelLogEntry.objects.get(action="progress.start_cycle")
    assert entry.user == learner and entry.data["cycle"] == 2


def test_a_second_start_is_refused_until_the_new_cycle_is_completed(completed, allowed):
    start_new_cycle(completed, now=LATER)

    with pytest.raises(NewCycleRefused, match="Complete the course first"):
        start_new_cycle(completed, now=LATER + timedelta(minutes=1))

    assert Enrolment.objects.get().cycle == 2


def test_of_two_simultaneous_starts_only_one_counts(completed, allowed, monkeypatch):
    """The other request starts the cycle between this one's check and its write."""
    from django.db.models import F

    from learning.progress import cycles

    decide = cycles.recertification

    def racing(enrolment, **kwargs):
        decision = decide(enrolment, **kwargs)
        Enrolment.objects.filter(pk=enrolment.pk).update(cycle=F("cycle") + 1)
        return decision

    monkeypatch.setattr(cycles, "recertification", racing)

    with pytest.raises(NewCycleRefused, match="already started"):
        start_new_cycle(completed, now=LATER)

    # (The simulated other request shares this test's connection, so its write is
    # rolled back with this one: what counts is that this one wrote nothing.)
    assert not ModelLogEntry.objects.filter(action="progress.start_cycle").exists()


def test_completing_cycle_two_writes_its_own_completion_and_announces_it(
    course, learner, questions, completed, allowed, django_capture_on_commit_callbacks
):
    announced = []

    def receiver(sender, completion_id, **kwargs):
        announced.append(completion_id)

    start_new_cycle(completed, now=LATER)
    course_completed.connect(receiver)
    try:
        second = complete_cycle(
            completed,
            course,
            questions,
            django_capture_on_commit_callbacks,
            now=LATER + timedelta(hours=1),
            choices=["Right", "Wrong"],
        )
    finally:
        course_completed.disconnect(receiver)

    assert second.cycle == 2
    assert second.completed_at == LATER + timedelta(hours=1)
    assert second.score == Decimal("50.00")  # cycle 1's 100% does not count
    assert announced == [second.pk]  # so certificates issue one for cycle 2
    first = CourseCompletion.objects.get(cycle=1)
    assert first.completed_at == NOW and first.score == Decimal("100.00")
    assert state_of(course, learner).completion == second


def test_an_attempt_from_cycle_one_does_not_complete_cycle_twos_quiz(
    course, learner, questions, completed, allowed, django_capture_on_commit_callbacks
):
    module, quiz, _optional = course.steps()
    # Started (and left open) before re-certifying, passed after.
    open_attempt = start_attempt(quiz, learner, now=LATER - timedelta(hours=1))
    start_new_cycle(completed, now=LATER)
    complete_step(completed, module, now=LATER)

    with django_capture_on_commit_callbacks(execute=True):
        submit_attempt(
            open_attempt.pk,
            learner,
            {str(q.pk): token_of(open_attempt, q, "Right") for q in questions},
            now=LATER + timedelta(minutes=5),
        )

    assert not StepProgress.objects.filter(
        cycle=2, step_key=quiz.translation_key
    ).exists()
    assert not CourseCompletion.objects.filter(cycle=2).exists()
    assert state_of(course, learner).state(quiz) == "todo"


def test_an_administrator_marking_cycle_two_complete_scores_only_its_attempts(
    course, learner, questions, completed, allowed, django_capture_on_commit_callbacks
):
    quiz = course.steps()[1]
    start_new_cycle(completed, now=LATER)
    with django_capture_on_commit_callbacks(execute=True):  # a fail: 0%
        take_quiz(quiz, learner, questions, ["Wrong", "Wrong"], started=LATER)

    completion = mark_course_complete(
        completed, by=UserFactory(), reason="Taken elsewhere", now=LATER
    )

    assert completion.cycle == 2
    assert completion.score == Decimal("0.00")
    assert CourseCompletion.objects.count() == 2


def test_the_enrolments_admin_shows_the_current_cycles_progress(
    course, completed, allowed
):
    from learning.progress.admin_views import add_progress

    start_new_cycle(completed, now=LATER)
    complete_step(completed, course.steps()[0], now=LATER)
    enrolment = Enrolment.objects.select_related("course").get()

    add_progress([enrolment])

    assert enrolment.progress_percent == 50  # not cycle 1's 100


# The learner's pages


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def test_the_completion_panel_offers_re_certification_when_allowed(
    signed_in, course, completed, allowed
):
    page = signed_in.get(course.url)

    soup = BeautifulSoup(page.content, "html.parser")
    form = soup.select_one(".completion form.completion__recertify")
    assert form["action"] == f"/en/courses/{course.pk}/recertify/"
    assert form.button.get_text(strip=True) == "Re-certify"
    assert "Your certificate expires on 1 November 2028." in page.text


def test_no_re_certify_button_when_not_allowed(signed_in, course, completed, refused):
    page = signed_in.get(course.url)

    assert "You completed this course on" in page.text
    assert not BeautifulSoup(page.content, "html.parser").select(
        "form.completion__recertify"
    )
    assert "Your certificate expires on 1 November 2028." in page.text
    assert "You can re-certify from 2 October 2028." in page.text


def test_a_learner_re_certifies_and_the_course_starts_afresh(
    signed_in, course, completed, allowed
):
    module = course.steps()[0]

    response = signed_in.post(f"/en/courses/{course.pk}/recertify/")

    assert response.status_code == 302 and response["Location"] == module.url
    page = signed_in.get(course.url)
    assert outline_states(page) == ["Not started", "Not started", "Not started"]
    assert "0% complete" in page.text
    assert "Re-certifying: you last completed this course on 2 November 2026" in (
        page.text
    )
    assert "Re-certify</button>" not in page.text
    dashboard = signed_in.get("/en/my-learning/")
    soup = BeautifulSoup(dashboard.content, "html.parser")
    assert soup.select_one("#progress-heading")  # in progress, not completed
    assert not soup.select_one("#completed-heading")
    assert "Re-certifying: last completed on 2 November 2026" in dashboard.text


def test_a_refused_re_certification_says_why_and_changes_nothing(
    signed_in, course, completed, refused
):
    response = signed_in.post(f"/en/courses/{course.pk}/recertify/")

    assert response.status_code == 400
    assert "Your certificate is valid until later." in response.text
    assert "Nothing was changed." in response.text
    assert Enrolment.objects.get().cycle == 1


def test_only_the_learners_own_active_enrolment_can_be_re_certified(
    client, course, completed, allowed
):
    other = UserFactory()
    client.force_login(other)

    assert client.post(f"/en/courses/{course.pk}/recertify/").status_code == 404
    assert client.get(f"/en/courses/{course.pk}/recertify/").status_code == 405
    assert client.post("/en/courses/999999/recertify/").status_code == 404
    assert Enrolment.objects.get().cycle == 1
    client.logout()
    anonymous = client.post(f"/en/courses/{course.pk}/recertify/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def count_queries(client, url):
    client.get(url)  # steady state
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    return len(queries), page


def test_pages_in_cycle_two_run_the_pinned_number_of_queries(
    client, course, learner, completed, allowed
):
    """Earlier cycles' progress is filtered in Python: no query more than for a
    learner in cycle 1 at the same point, but the two reading their earlier
    completion and its certificate."""
    start_new_cycle(completed, now=LATER)
    complete_step(completed, course.steps()[0], now=LATER)
    newcomer = UserFactory()
    complete_step(enrol(newcomer, course, now=LATER), course.steps()[0], now=LATER)

    counts = {}
    for who in (newcomer, learner):
        client.force_login(who)
        course_queries, page = count_queries(client, course.url)
        assert outline_states(page) == ["Done", "Not started", "Not started"]
        dashboard_queries, dashboard = count_queries(client, "/en/my-learning/")
        assert "50% complete" in dashboard.text
        counts[who] = (course_queries, dashboard_queries)

    assert counts[newcomer][0] == ENROLLED_COURSE_QUERIES
    assert counts[learner] == (ENROLLED_COURSE_QUERIES + 2, counts[newcomer][1] + 2)


def test_a_new_cycle_gives_the_quizs_attempts_afresh(completed, course, allowed):
    _module, quiz, _optional = course.steps()
    quiz.attempts_allowed = 1
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    learner = completed.learner
    assert quiz.attempts_left(learner) == 0

    start_new_cycle(completed, now=NOW + timedelta(days=720))

    assert quiz.attempts_left(learner) == 1
    take_quiz(quiz, learner, [], [], started=NOW + timedelta(days=721))
    assert quiz.attempts_left(learner) == 0
