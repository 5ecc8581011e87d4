"""Arbitrary form data thrown at submit: never a 500, nothing logged as an error, and
a refused submission changes nothing."""

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import Attempt, QuestionType
from assessments.services import start_attempt
from tests.assessments.factories import make_question, make_quiz
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

text = st.text(max_size=60)
field_names = st.one_of(
    text,
    st.sampled_from(["q-", "q-0", "q-abc", "score", "passed", "csrfmiddlewaretoken"]),
)


@pytest.fixture
def attempt(client):
    learner = UserFactory()
    client.force_login(learner)
    quiz = make_quiz(questions=[make_question(kind) for kind in QuestionType])
    return start_attempt(quiz, learner, now=quiz.first_published_at)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_submit_survives_any_form_data(client, attempt, caplog, data):
    real_fields = [f"q-{question['id']}" for question in attempt.questions]
    tokens = [c["token"] for q in attempt.questions for c in q["choices"]]
    names = st.one_of(field_names, st.sampled_from(real_fields))
    values = st.lists(st.one_of(text, st.sampled_from(tokens)), max_size=3)
    form = data.draw(st.dictionaries(names, values, max_size=8))
    Attempt.objects.filter(pk=attempt.pk).update(
        status="open", answers={}, results={}, score=None, passed=None
    )
    before = Attempt.objects.filter(pk=attempt.pk).values().get()
    caplog.clear()

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(f"/en/attempts/{attempt.pk}/submit/", form)

    assert response.status_code in (302, 400), response.content[:300]
    assert not [r for r in caplog.records if r.name == "django.request"]
    after = Attempt.objects.filter(pk=attempt.pk).values().get()
    if response.status_code == 400:
        assert after == before
        assert b"notice--error" in response.content
    else:
        assert after["status"] == "submitted"
