import csv
import io
from datetime import UTC, datetime

import pytest

from assessments.models import QuestionType
from assessments.services import start_attempt, submit_attempt
from courses.authoring import AUTHORS
from tests.assessments.factories import make_question, make_quiz, token_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def quiz_with_attempts(module_db):
    """Built once per module (pages and attempts cost ~0.5 s); the tests only read
    it."""
    single = make_question(
        QuestionType.SINGLE_CHOICE,
        prompt="<p>Which one?</p>",
        choices=[("Right", True), ("=HYPERLINK(1)", False)],
    )
    numeric = make_question(QuestionType.NUMERIC, prompt="<p>How many?</p>")
    quiz = make_quiz(questions=[single, numeric], pass_mark=60)
    for picked, number in [("Right", "42"), ("Right", "1"), ("=HYPERLINK(1)", "42")]:
        learner = UserFactory()
        attempt = start_attempt(quiz, learner, now=NOW)
        answers = {str(single.pk): token_of(attempt, single, picked)}
        answers[str(numeric.pk)] = number
        submit_attempt(attempt.pk, learner, answers, now=NOW)
    start_attempt(quiz, UserFactory(), now=NOW)  # open: not counted
    return quiz


def test_authors_see_how_each_question_and_choice_performed(client, quiz_with_attempts):
    client.force_login(UserFactory(groups=[AUTHORS]))

    response = client.get(f"/admin/quizzes/{quiz_with_attempts.pk}/statistics/")

    assert response.status_code == 200
    text = response.text
    assert "3 finished attempts" in text
    assert "Answered 3 times · 67% fully right" in text
    assert "mean score 66.7% · pass rate 33%" in text


def test_item_statistics_export_as_csv_without_formulas(client, quiz_with_attempts):
    client.force_login(UserFactory(groups=[AUTHORS]))

    response = client.get(
        f"/admin/quizzes/{quiz_with_attempts.pk}/statistics/", {"export": "csv"}
    )

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][2:6] == ["Which one?", "3", "67", "67"]
    assert rows[2][2] == "Right" and rows[2][6:] == ["2", "yes"]
    assert rows[3][2] == "'=HYPERLINK(1)" and rows[3][6:] == ["1", "no"]


def test_learners_cannot_see_item_statistics(client, quiz_with_attempts):
    client.force_login(UserFactory())

    response = client.get(f"/admin/quizzes/{quiz_with_attempts.pk}/statistics/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
