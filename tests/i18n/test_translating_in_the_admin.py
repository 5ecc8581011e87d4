"""Authors translate a course, its quizzes and their questions through the admin
(wagtail-localize), see what is still untranslated, and publish each language
when it is ready."""

import pytest
from django.test import TestCase
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization, Translation
from wagtail_localize.synctree import synchronize_tree

from assessments.models import Question, QuestionType
from courses.authoring import AUTHORS
from courses.models import CoursePage
from learning.demo.french import fill_translation
from tests.factories import UserFactory
from tests.i18n.translating import in_french, make_course_with_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(module_db):
    """A course with a quiz, and French synchronised from English as the README
    says to set it up (every English page has a French alias until it is
    translated), built once for the module."""
    course = make_course_with_quiz(modules=1, second=QuestionType.TRUE_FALSE)
    french, _ = Locale.objects.get_or_create(language_code="fr")
    LocaleSynchronization.objects.create(locale=french, sync_from=Locale.get_default())
    synchronize_tree(Locale.get_default(), french)
    return course.pk, french.pk


# Copies of their own for each test: a page caches its steps on itself.


@pytest.fixture
def course(built):
    return CoursePage.objects.get(pk=built[0])


@pytest.fixture
def french(built):
    return Locale.objects.get(pk=built[1])


@pytest.fixture
def author(client):
    user = UserFactory(groups=[AUTHORS])
    client.force_login(user)
    return user


def in_locale(page, locale):
    return Page.objects.get(
        translation_key=page.translation_key, locale=locale
    ).specific


def submit_for_translation(client, course, french):
    url = f"/admin/localize/submit/page/{course.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [french.pk], "include_subtree": "on"})
    assert response.status_code == 302


def test_an_author_translates_a_course_with_its_quiz_and_questions(
    client, course, french, author
):
    submit_for_translation(client, course, french)

    module, quiz = course.get_children().specific()
    for page in (course, module, quiz):
        translated = in_locale(page, french)
        assert translated.alias_of_id is None  # a translation now, not an alias
        # Still live, still showing English until the translation is published.
        assert translated.live and translated.has_unpublished_changes
    french_quiz = in_locale(quiz, french)
    questions = [item.question for item in french_quiz.quiz_questions.all()]
    assert [question.locale for question in questions] == [french, french]
    assert Question.objects.filter(locale=french).count() == 2
    # The author can open the translation editor of each page.
    assert client.get(f"/admin/pages/{french_quiz.pk}/edit/").status_code == 200


def test_the_translations_report_shows_what_is_waiting(client, course, french, author):
    submit_for_translation(client, course, french)

    report = client.get("/admin/localize/reports/translations/")
    assert report.status_code == 200
    assert "Data governance" in report.text
    assert "Waiting for translations" in report.text


def translate_and_publish(page, locale):
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    fill_translation(translation, in_french)
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)


def test_each_language_is_published_on_its_own_schedule(client, course, french, author):
    submit_for_translation(client, course, french)
    module, quiz = course.get_children().specific()

    translate_and_publish(module, french)

    learner = UserFactory()
    client.force_login(learner)
    client.post(f"/en/courses/{course.pk}/enrol/")
    module_page = client.get(in_locale(module, french).url)
    quiz_page = client.get(in_locale(quiz, french).url)
    assert "[fr] Data governance: module 1" in module_page.text
    assert "anglais" not in module_page.text
    # The quiz's translation is not published yet: it shows in English, saying so.
    assert "Check your understanding" in quiz_page.text
    assert "[fr]" not in quiz_page.text.split("<main", 1)[1].split("</h1>", 1)[0]
    assert "anglais" in quiz_page.text
