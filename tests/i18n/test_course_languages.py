"""One enrolment, one progress record and one set of quiz attempts per learner and
course, whichever language the learner reads it in."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page
from wagtail_localize.synctree import synchronize_tree

from assessments.models import Attempt, Question, QuestionType
from assessments.statistics import quiz_statistics
from courses.models import CoursePage
from learning.progress.models import CourseCompletion, Enrolment, StepProgress
from tests.factories import UserFactory, catalogue, make_module
from tests.i18n.translating import make_course_with_quiz, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(module_db):
    """The course in English and French, built once for the module (translating
    is slow)."""
    course = make_course_with_quiz(pass_mark=50, attempts_allowed=3)
    french = translate(catalogue(), course, *course.get_children())
    return course.pk, french.pk


# Copies of their own for each test: one adds a step to the course, and pages
# cache their steps.


@pytest.fixture
def course(built):
    return CoursePage.objects.get(pk=built[0])


@pytest.fixture
def french(built):
    return Locale.objects.get(pk=built[1])


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


def steps(course, locale=None):
    pages = course.get_children().specific()
    if locale is None:
        return list(pages)
    return [page.get_translation(locale) for page in pages]


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def notices(page):
    return [notice.get_text(" ", strip=True) for notice in page.select(".notice__text")]


def take_quiz(client, quiz, *, right):
    """Start (or continue) an attempt at `quiz` and answer every question right
    or wrong, by what the choices mean rather than their wording."""
    client.post(f"/{quiz.locale.language_code}/quizzes/{quiz.pk}/start/")
    attempt = Attempt.objects.filter(status="open").latest("pk")
    answers = {}
    for question in attempt.questions:
        if question["type"] == QuestionType.NUMERIC:
            answers[f"q-{question['id']}"] = "42" if right else "7"
        else:
            pick = next(c for c in question["choices"] if c["correct"] == right)
            answers[f"q-{question['id']}"] = pick["token"]
    # Progress hears of a finished attempt once its transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/en/attempts/{attempt.pk}/submit/", answers)
    assert response.status_code == 302
    attempt.refresh_from_db()
    return attempt


def test_translating_a_course_translates_its_modules_quiz_and_questions(course, french):
    module, _, quiz = steps(course, french)
    assert module.title == "[fr] Data governance: module 1"
    assert module.live
    assert [q.question.locale.language_code for q in quiz.quiz_questions.all()] == [
        "fr",
        "fr",
    ]
    prompts = [q.question.prompt for q in quiz.quiz_questions.all()]
    assert prompts == ["<p>[fr] Which one?</p>", "<p>[fr] How many?</p>"]
    # Two languages, one question each: the same identity.
    assert Question.objects.values("translation_key").distinct().count() == 2


def test_progress_and_completion_continue_across_a_language_switch(
    client, course, french, learner
):
    first, second, quiz = steps(course)
    first_fr, second_fr, quiz_fr = steps(course, french)
    client.post(f"/en/courses/{course.pk}/enrol/")
    client.post(f"/en/modules/{first.pk}/done/")

    # In French, the first step shows as done and the course resumes at the second.
    course_fr = course.get_translation(french)
    page = soup(client.get(course_fr.url))
    assert page.html["lang"] == "fr"
    resume = page.select_one(".course-hero a.button--primary")
    assert resume["href"] == second_fr.url
    assert "[fr] Data governance: module 2" in resume.text
    states = [li["class"][1] for li in page.select(".outline__step")]
    assert states[0] == "outline__step--done"

    client.post(f"/fr/modules/{second_fr.pk}/done/")
    take_quiz(client, quiz_fr, right=True)

    enrolment = Enrolment.objects.get(learner=learner)
    assert Enrolment.objects.filter(learner=learner).count() == 1
    assert StepProgress.objects.filter(enrolment=enrolment).count() == 3
    completion = CourseCompletion.objects.get(enrolment=enrolment)
    assert completion.score == Decimal("100.00")
    # Back in English, the course shows as completed too.
    assert "outline__step--done" in str(soup(client.get(quiz.url)))


def test_an_open_attempt_keeps_its_language_and_the_next_uses_the_current_one(
    client, course, french, learner
):
    *_, quiz = steps(course)
    *_, quiz_fr = steps(course, french)
    client.post(f"/en/courses/{course.pk}/enrol/")
    client.post(f"/fr/quizzes/{quiz_fr.pk}/start/")
    started = Attempt.objects.get()

    # Switching to English continues the same attempt, still in French.
    response = client.post(f"/en/quizzes/{quiz.pk}/start/")
    assert Attempt.objects.count() == 1
    attempt_page = soup(client.get(response["Location"]))
    prompts = attempt_page.select(".question__text")
    assert all("[fr]" in prompt.text for prompt in prompts), prompts
    # French words on an English page say so, for screen readers.
    assert attempt_page.html["lang"] == "en"
    assert {prompt["lang"] for prompt in prompts} == {"fr"}
    assert started.quiz_id == quiz_fr.pk

    take_quiz(client, quiz, right=False)  # submits the open (French) attempt
    second = take_quiz(client, quiz, right=True)
    assert second.quiz_id == quiz.pk
    assert all("[fr]" not in q["prompt"] for q in second.questions)
    assert list(Attempt.objects.values_list("number", flat=True)) == [1, 2]


def test_a_translated_quiz_scores_the_same(client, course, french, learner):
    *_, quiz = steps(course)
    *_, quiz_fr = steps(course, french)
    client.post(f"/en/courses/{course.pk}/enrol/")

    results = []
    for page, right in [(quiz, False), (quiz_fr, False), (quiz, True)]:
        attempt = take_quiz(client, page, right=right)
        results.append((attempt.score, attempt.passed))
    assert results[0] == results[1] == (Decimal("0.00"), False)
    assert results[2] == (Decimal("100.00"), True)
    # Three attempts allowed in all, whichever language they were taken in.
    refused = client.post(f"/fr/quizzes/{quiz_fr.pk}/start/", follow=True)
    assert Attempt.objects.count() == 3
    with translation.override("fr"):
        assert gettext("You have used all the attempts at this quiz.") in str(
            soup(refused)
        )


def test_a_step_in_english_only_is_shown_in_english_with_a_notice(
    client, course, french, learner
):
    added = make_module(course, title="Late addition")
    synchronize_tree(Locale.get_default(), french)
    alias = Page.objects.get(translation_key=added.translation_key, locale=french)
    assert alias.alias_of_id == added.pk

    client.post(f"/en/courses/{course.pk}/enrol/")
    page = soup(client.get(alias.url))
    assert page.html["lang"] == "fr"
    assert page.h1["lang"] == "en"
    assert page.h1.text == "Late addition"
    assert any("anglais" in notice for notice in notices(page)), notices(page)
    assert page.select_one(".lesson")["lang"] == "en"

    # Marking it done from French counts for the English step.
    client.post(f"/fr/modules/{alias.pk}/done/")
    assert StepProgress.objects.get(step_key=added.translation_key).completed_at


def test_translated_pages_have_no_notice(client, course, french, learner):
    first_fr, *_ = steps(course, french)
    client.post(f"/en/courses/{course.pk}/enrol/")
    page = soup(client.get(first_fr.url))
    assert not any("anglais" in notice for notice in notices(page))
    assert not page.h1.has_attr("lang")


def test_item_statistics_count_a_questions_translations_as_one(
    client, course, french, learner
):
    *_, quiz = steps(course)
    *_, quiz_fr = steps(course, french)
    client.post(f"/en/courses/{course.pk}/enrol/")
    take_quiz(client, quiz, right=False)
    take_quiz(client, quiz_fr, right=True)

    stats = quiz_statistics(quiz)
    assert stats.attempts == 2
    assert [question.answered for question in stats.questions] == [2, 2]
    assert [question.percent_correct for question in stats.questions] == [50, 50]
    single = stats.questions[0]
    # The page's own language names the question and its choices.
    assert "[fr]" not in single.prompt
    assert len(single.choices) == 3
    assert sorted(choice.picked for choice in single.choices.values()) == [0, 1, 1]
