from datetime import UTC, datetime

import pytest
from wagtail.models import ModelLogEntry

from assessments.models import Attempt, AttemptStatus, ExtraTime
from assessments.services import start_attempt, submit_attempt
from courses.authoring import AUTHORS
from tests.assessments.factories import make_question, make_quiz
from tests.factories import UserFactory, fresh

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def built_quiz(module_db):
    """Built once per module: a quiz and its course cost ~0.2 s."""
    return make_quiz(questions=[make_question()], attempts_allowed=1)


@pytest.fixture
def quiz(built_quiz):
    """A fresh copy for each test."""
    return fresh(built_quiz)


def test_an_administrator_grants_extra_time_and_the_audit_log_records_it(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    learner = UserFactory()
    client.force_login(admin)

    response = client.post(
        "/admin/extra_time/new/",
        {"learner": learner.pk, "percent": "50", "reason": "Screen reader user"},
    )

    assert response.status_code == 302
    grant = ExtraTime.objects.get(learner=learner)
    assert grant.percent == 50
    entry = ModelLogEntry.objects.get(object_id=str(grant.pk))
    assert (entry.action, entry.user_id) == ("wagtail.create", admin.pk)


def test_authors_cannot_grant_overrides(client):
    client.force_login(UserFactory(groups=[AUTHORS]))

    response = client.post(
        "/admin/extra_time/new/",
        {"learner": UserFactory().pk, "percent": "50", "reason": "x"},
    )

    assert response.status_code in (302, 403)
    assert not ExtraTime.objects.exists()


def test_an_administrator_reopens_and_resets_attempts_from_the_admin(client, quiz):
    learner = UserFactory(email="amina@undp.org")
    attempt = start_attempt(quiz, learner, now=NOW)
    submit_attempt(attempt.pk, learner, {}, now=NOW)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    listing = client.get("/admin/quiz_attempts/", {"q": "amina"})
    reopened = client.post(f"/admin/quiz-attempts/{attempt.pk}/reopen/")
    attempt.refresh_from_db()
    status_after_reopen = attempt.status
    reset = client.post(f"/admin/quiz-attempts/{attempt.pk}/reset/")
    attempt.refresh_from_db()

    assert listing.status_code == 200 and learner.display_name in listing.text
    assert "Reopen" in listing.text
    assert reopened.status_code == reset.status_code == 302
    assert status_after_reopen == AttemptStatus.OPEN
    assert attempt.status == AttemptStatus.VOIDED
    assert quiz.attempts_left(learner) == 1
    assert not client.get("/admin/quiz_attempts/new/").status_code == 200
    assert Attempt.objects.count() == 1


def test_only_administrators_may_reopen_attempts(client, quiz):
    learner = UserFactory()
    attempt = start_attempt(quiz, learner, now=NOW)
    submit_attempt(attempt.pk, learner, {}, now=NOW)
    client.force_login(UserFactory(groups=[AUTHORS]))

    response = client.post(f"/admin/quiz-attempts/{attempt.pk}/reopen/")

    assert response.status_code in (302, 403)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
