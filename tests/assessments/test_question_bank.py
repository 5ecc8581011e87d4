from decimal import Decimal

import pytest

from assessments.models import Choice, Question, QuestionType
from assessments.scoring import score_response
from courses.authoring import AUTHORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_question(question_type, choices=(), **fields):
    question = Question(
        title=f"A {question_type} question",
        question_type=question_type,
        prompt="<p>What is it?</p>",
        **fields,
    )
    question.choices = [
        Choice(text=text, is_correct=correct) for text, correct in choices
    ]
    question.save()
    return question


def test_a_frozen_question_scores_each_type_as_the_author_set_it():
    single = make_question(
        QuestionType.SINGLE_CHOICE, [("Right", True), ("Wrong", False)]
    ).freeze()
    multiple = make_question(
        QuestionType.MULTIPLE_RESPONSE,
        [("A", True), ("B", True), ("C", False)],
        partial_credit=True,
    ).freeze()
    true_false = make_question(
        QuestionType.TRUE_FALSE, true_false_answer=False
    ).freeze()
    numeric = make_question(
        QuestionType.NUMERIC,
        numeric_answer=Decimal(40),
        numeric_tolerance=Decimal(10),
        tolerance_is_percent=True,
    ).freeze()
    short = make_question(
        QuestionType.SHORT_TEXT, accepted_answers="Interoperability\nInter-operability"
    ).freeze()
    right, wrong = (c["id"] for c in single["choices"])
    a, b, c = (choice["id"] for choice in multiple["choices"])

    assert score_response(single, right) == 1
    assert score_response(single, wrong) == 0
    assert score_response(multiple, [a, b]) == 1
    assert score_response(multiple, [a, c]) == 0
    assert score_response(multiple, [a]) == Decimal("0.5")
    assert score_response(true_false, False) == 1
    assert score_response(true_false, True) == 0
    assert score_response(numeric, "44") == 1
    assert score_response(numeric, "44.5") == 0
    assert score_response(short, " inter-OPERABILITY ") == 1


def test_a_frozen_question_does_not_change_when_the_question_is_edited():
    question = make_question(
        QuestionType.SINGLE_CHOICE, [("Right", True), ("Wrong", False)]
    )
    frozen = question.freeze()

    question.prompt = "<p>Edited</p>"
    question.choices.first().delete()
    question.save()

    assert frozen["prompt"] == "<p>What is it?</p>"
    assert [c["text"] for c in frozen["choices"]] == ["Right", "Wrong"]


def add_question(client, **data):
    form = {
        "title": "Shared services",
        "question_type": "single_choice",
        "prompt": '{"blocks": [{"key": "a", "text": "Which?", "type": "unstyled", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "points": "1",
        "numeric_tolerance": "0",
        "accepted_answers": "",
        "general_feedback": "",
        "tags": "",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "choices-0-text": "One",
        "choices-0-is_correct": "on",
        "choices-0-ORDER": "1",
        "choices-1-text": "Two",
        "choices-1-ORDER": "2",
    }
    form.update(data)
    return client.post("/admin/snippets/assessments/question/add/", form)


def test_authors_add_questions_to_the_bank(client):
    client.force_login(UserFactory(groups=[AUTHORS]))

    response = add_question(client)

    assert response.status_code == 302
    question = Question.objects.get()
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("One", True),
        ("Two", False),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"choices-1-is_correct": "on"}, "Mark exactly one choice as correct."),
        ({"choices-TOTAL_FORMS": "1"}, "needs at least two choices"),
        (
            {"question_type": "multiple_response", "choices-0-is_correct": ""},
            "Mark at least one choice as correct.",
        ),
        ({"question_type": "numeric"}, "Give the expected number."),
        ({"question_type": "short_text"}, "Give at least one accepted answer."),
        ({"question_type": "true_false"}, "Say whether the statement is true"),
    ],
)
def test_the_bank_refuses_questions_that_cannot_be_scored(client, data, message):
    client.force_login(UserFactory(groups=[AUTHORS]))

    response = add_question(client, **data)

    assert response.status_code == 200
    assert message in response.text
    assert not Question.objects.exists()


def test_prompts_are_sanitised_whatever_their_source():
    question = Question.objects.create(
        title="Safety",
        question_type=QuestionType.TRUE_FALSE,
        true_false_answer=True,
        prompt=(
            '<script>alert(1)</script><p onclick="steal()">Is <b>this</b> safe?'
            '<img src=x onerror="steal()"> <a href="javascript:steal()">no</a> '
            '<a href="https://www.un.org/">yes</a></p>'
        ),
    )

    question.refresh_from_db()
    assert "<script" not in question.prompt
    assert "onclick" not in question.prompt and "onerror" not in question.prompt
    assert "javascript:" not in question.prompt
    assert "<b>this</b>" in question.prompt
    assert 'href="https://www.un.org/"' in question.prompt
