"""Races forced, not hoped for: a barrier holds both requests between the check and
the write, on PostgreSQL, where the two really run at once."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection

from assessments import services
from assessments.models import Attempt, AttemptStatus
from assessments.services import AttemptFinished, start_attempt, submit_attempt
from tests.assessments.factories import make_question, make_quiz
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def run_together(*calls):
    """Run each call in its own thread and database connection; return results or
    the exception each raised."""
    results = [None] * len(calls)

    def run(index, call):
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[index] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    return results


def pause_both_at(monkeypatch, name):
    """Make both threads wait at `services.<name>` until the other arrives."""
    barrier = threading.Barrier(2, timeout=10)
    original = getattr(services, name)

    def paused(*args, **kwargs):
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(services, name, paused)
    return barrier


def test_two_simultaneous_starts_give_one_open_attempt(monkeypatch):
    learner = UserFactory()
    quiz = make_quiz(questions=[make_question()])
    # Both requests have checked for an open attempt and found none when they pass.
    barrier = pause_both_at(monkeypatch, "freeze_for_attempt")

    first, second = run_together(
        lambda: start_attempt(quiz, learner, now=NOW),
        lambda: start_attempt(quiz, learner, now=NOW),
    )

    assert barrier.n_waiting == 0 and not barrier.broken
    assert isinstance(first, Attempt) and isinstance(second, Attempt)
    assert first.pk == second.pk
    assert Attempt.objects.count() == 1


def test_two_simultaneous_submits_give_one_submission(monkeypatch):
    learner = UserFactory()
    quiz = make_quiz(questions=[make_question()])
    attempt = start_attempt(quiz, learner, now=NOW)
    barrier = pause_both_at(monkeypatch, "lock_attempt")

    results = run_together(
        lambda: submit_attempt(attempt.pk, learner, {}, now=NOW),
        lambda: submit_attempt(attempt.pk, learner, {}, now=NOW),
    )

    assert not barrier.broken
    assert sum(isinstance(r, Attempt) for r in results) == 1
    assert sum(isinstance(r, AttemptFinished) for r in results) == 1
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    assert attempt.finished_at == NOW
