"""Taking a quiz over HTTP: access, bad input, double submits, review policy, leaks."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Attempt, AttemptStatus, QuestionType
from tests.assessments.factories import make_question, make_quiz, token_of
from tests.factories import UserFactory, fresh, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture(scope="module")
def built(module_db):
    """The course, and the quiz most tests take, built once per module (a
    published page costs ~0.1 s). Tests that need a quiz of their own add it to
    this course."""
    single = make_question(QuestionType.SINGLE_CHOICE)
    numeric = make_question(QuestionType.NUMERIC)
    course = make_course()
    quiz = make_quiz(
        course, questions=[single, numeric], pass_mark=50, attempts_allowed=3
    )
    return {"single": single, "numeric": numeric, "course": course, "quiz": quiz}


# Each test gets fresh copies: tests edit the questions, unpublish the quiz and
# add quizzes to the course.


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


def start(client, quiz):
    """Enrol in the quiz's course, as a learner would, and start an attempt."""
    client.post(f"/en/courses/{quiz.get_parent().pk}/enrol/")
    response = client.post(f"/en/quizzes/{quiz.pk}/start/")
    assert response.status_code == 302
    return Attempt.objects.latest("pk")


def rows(attempt):
    attempt.refresh_from_db()
    return (attempt.status, attempt.answers, attempt.score, attempt.finished_at)


def test_visitors_are_asked_to_log_in_before_a_quiz(client, quiz):
    page = client.get(quiz.url)
    start_response = client.post(f"/en/quizzes/{quiz.pk}/start/")

    assert page.status_code == 302
    assert "/accounts/login/" in page["Location"]
    assert start_response.status_code == 302
    assert "/accounts/login/" in start_response["Location"]
    assert not Attempt.objects.exists()


def test_a_learner_starts_answers_and_submits(client, learner, quiz, single, numeric):
    attempt = start(client, quiz)
    page = client.get(f"/en/attempts/{attempt.pk}/")
    soup = BeautifulSoup(page.content, "html.parser")
    assert len(soup.select(".question")) == 2

    response = client.post(
        f"/en/attempts/{attempt.pk}/submit/",
        {f"q-{single.pk}": token_of(attempt, single, "Right"), f"q-{numeric.pk}": "41"},
    )

    assert response.status_code == 302
    result = client.get(response["Location"])
    assert "You scored 50%" in result.text
    assert "Passed" in result.text
    assert "Review your answers" in result.text


def test_autosave_keeps_answers_and_answers_in_json(client, learner, quiz, numeric):
    attempt = start(client, quiz)

    response = client.post(
        f"/en/attempts/{attempt.pk}/save/",
        {f"q-{numeric.pk}": "42"},
        headers={"accept": "application/json"},
    )

    assert response.status_code == 200
    assert response.json()["saved"] is True
    attempt.refresh_from_db()
    assert attempt.answers == {str(numeric.pk): "42"}
    page = client.get(f"/en/attempts/{attempt.pk}/")
    assert 'value="42"' in page.text


def test_a_second_submit_is_refused_and_records_nothing(client, learner, quiz, single):
    attempt = start(client, quiz)
    right = token_of(attempt, single, "Right")
    client.post(f"/en/attempts/{attempt.pk}/submit/", {f"q-{single.pk}": right})
    before = rows(attempt)

    response = client.post(
        f"/en/attempts/{attempt.pk}/submit/",
        {f"q-{single.pk}": token_of(attempt, single, "Wrong")},
    )

    assert response.status_code == 409
    assert "already submitted" in response.text
    assert rows(attempt) == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("q-999999", "x", "not part of this attempt"),
        ("numeric", "forty", "enter a number"),
        ("single", "not-a-token", "does not belong to it"),
        ("numeric", "4\x002", "cannot be stored"),
    ],
)
def test_bad_answers_get_a_clear_400_and_change_nothing(
    client, learner, quiz, single, numeric, field, value, message
):
    attempt = start(client, quiz)
    before = rows(attempt)
    name = {"numeric": f"q-{numeric.pk}", "single": f"q-{single.pk}"}.get(field, field)

    response = client.post(f"/en/attempts/{attempt.pk}/submit/", {name: value})

    assert response.status_code == 400
    assert message in response.text
    assert rows(attempt) == before


def test_a_posted_score_or_correctness_flag_changes_nothing(
    client, learner, quiz, single
):
    attempt = start(client, quiz)

    client.post(
        f"/en/attempts/{attempt.pk}/submit/",
        {
            f"q-{single.pk}": token_of(attempt, single, "Wrong"),
            "score": "100",
            "passed": "true",
            "correct": "1",
        },
    )

    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.00")
    assert attempt.passed is False


def test_another_learners_attempt_is_a_404_everywhere(client, quiz):
    owner = UserFactory()
    client.force_login(owner)
    attempt = start(client, quiz)
    before = rows(attempt)
    client.force_login(UserFactory())

    assert client.get(f"/en/attempts/{attempt.pk}/").status_code == 404
    assert client.post(f"/en/attempts/{attempt.pk}/save/").status_code == 404
    assert client.post(f"/en/attempts/{attempt.pk}/submit/").status_code == 404
    assert rows(attempt) == before


def test_attempts_run_out(client, learner, course, single):
    quiz = make_quiz(course, questions=[single], attempts_allowed=1)
    attempt = start(client, quiz)
    client.post(f"/en/attempts/{attempt.pk}/submit/", {})

    response = client.post(f"/en/quizzes/{quiz.pk}/start/", follow=True)

    assert "You have used all the attempts" in response.text
    assert Attempt.objects.count() == 1


@pytest.mark.parametrize(
    ("policy", "passes", "attempts_allowed", "reviewable"),
    [
        ("never", True, 1, False),
        ("after_each_attempt", False, 3, True),
        ("after_passing", False, 3, False),
        ("after_passing", True, 3, True),
        ("after_last_attempt", True, 3, False),
        ("after_last_attempt", False, 1, True),
    ],
)
def test_the_review_policy_decides_when_answers_are_shown(
    client, learner, course, single, policy, passes, attempts_allowed, reviewable
):
    single.general_feedback = "Explained here"
    single.save()
    quiz = make_quiz(
        course,
        questions=[single],
        review_policy=policy,
        attempts_allowed=attempts_allowed,
    )
    attempt = start(client, quiz)
    choice = "Right" if passes else "Wrong"

    client.post(
        f"/en/attempts/{attempt.pk}/submit/",
        {f"q-{single.pk}": token_of(attempt, single, choice)},
    )
    page = client.get(f"/en/attempts/{attempt.pk}/").text

    assert ("Explained here" in page) is reviewable
    assert ("Correct answer" in page) is reviewable


def test_nothing_a_learner_can_fetch_mid_attempt_reveals_the_answers(
    client, learner, course
):
    marker = "ZQXMARK"
    questions = [
        make_question(
            QuestionType.SINGLE_CHOICE,
            choices=[("Right one", True), ("Wrong one", False)],
            general_feedback=f"{marker}-general-1",
        ),
        make_question(
            QuestionType.MULTIPLE_RESPONSE,
            choices=[("A", True), ("B", True), ("C", False)],
            general_feedback=f"{marker}-general-2",
        ),
        make_question(QuestionType.TRUE_FALSE, general_feedback=f"{marker}-g3"),
        make_question(
            QuestionType.NUMERIC,
            numeric_answer=Decimal("987654.321"),
            general_feedback=f"{marker}-g4",
        ),
        make_question(
            QuestionType.SHORT_TEXT, accepted_answers=f"{marker}-accepted-answer"
        ),
    ]
    for question in questions:
        for choice in question.choices.all():
            choice.feedback = f"{marker}-choice-{choice.pk}"
            choice.save()
    quiz = make_quiz(course, questions=questions, review_policy="after_each_attempt")
    attempt = start(client, quiz)
    short = questions[-1]

    responses = [
        client.get(quiz.url),
        client.get(quiz.get_parent().url),
        client.get(f"/en/attempts/{attempt.pk}/"),
        client.get("/en/", {"q": "accepted answer feedback"}),
        client.post(
            f"/en/attempts/{attempt.pk}/save/",
            {f"q-{short.pk}": "guess"},
            headers={"accept": "application/json"},
        ),
        client.post(f"/en/attempts/{attempt.pk}/save/", {f"q-{short.pk}": "guess"}),
        client.post(f"/en/attempts/{attempt.pk}/save/", {"q-0": "x"}),
    ]

    for response in responses:
        body = response.content.decode()
        assert marker not in body, response.request["PATH_INFO"]
        assert "987654" not in body
        assert "correct" not in body.lower().replace("incorrect", "")


# 5 questions (one of each type) against 10: a query per question would show.
@pytest.mark.parametrize("n", [5, 10])
def test_taking_and_submitting_run_a_fixed_number_of_queries(
    client, learner, course, n
):
    kinds = list(QuestionType)
    quiz = make_quiz(
        course,
        questions=[
            make_question(kinds[i % len(kinds)], title=f"Q{i}") for i in range(n)
        ],
    )
    attempt = start(client, quiz)
    client.get(f"/en/attempts/{attempt.pk}/")  # warm the site and permission caches

    with CaptureQueriesContext(connection) as page_queries:
        page = client.get(f"/en/attempts/{attempt.pk}/")
    with CaptureQueriesContext(connection) as submit_queries:
        submitted = client.post(f"/en/attempts/{attempt.pk}/submit/", {})

    assert len(BeautifulSoup(page.content, "html.parser").select(".question")) == n
    assert submitted.status_code == 302
    assert Attempt.objects.get().status == AttemptStatus.SUBMITTED
    assert (len(page_queries), len(submit_queries)) == (ATTEMPT_PAGE, SUBMIT)


# The header's admin link is read from the cache (learning/accounts/templatetags).
ATTEMPT_PAGE = 4
SUBMIT = 7


def test_the_admin_preview_shows_the_questions_as_a_learner_sees_them(
    course, single, numeric
):
    numeric.general_feedback = "SECRET-FEEDBACK"
    numeric.save()
    quiz = make_quiz(course, questions=[single, numeric])

    response = quiz.make_preview_request(preview_mode="questions")

    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select(".question")) == 2
    assert "Right" in html
    assert "SECRET-FEEDBACK" not in html
    assert "correct" not in html.lower()


def test_authors_can_add_a_quiz_to_a_course(course):
    from assessments.models import QuizPage

    assert QuizPage.can_create_at(course)
    assert not QuizPage.can_create_at(course.get_parent())


def test_a_huge_payload_is_refused_and_changes_nothing(client, learner, quiz, numeric):
    attempt = start(client, quiz)
    before = rows(attempt)

    response = client.post(
        f"/en/attempts/{attempt.pk}/submit/", {f"q-{numeric.pk}": "4" * 3_000_000}
    )

    assert response.status_code == 400
    assert "too large or malformed" in response.text
    assert rows(attempt) == before


def test_a_learner_not_enrolled_cannot_start_a_quiz(client, learner, quiz):
    response = client.post(f"/en/quizzes/{quiz.pk}/start/", follow=True)

    assert "Enrol in" in response.text
    assert not Attempt.objects.exists()


def test_quizzes_that_are_not_live_cannot_be_started(client, learner, quiz):
    quiz.unpublish()

    assert client.post(f"/en/quizzes/{quiz.pk}/start/").status_code == 404
    assert client.post("/en/quizzes/999999/start/").status_code == 404
    assert not Attempt.objects.exists()
