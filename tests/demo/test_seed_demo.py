from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import Translation

from assessments.models import QuestionType, QuizPage
from courses.models import CoursePage, ModulePage
from learning.demo.seeding import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

CONTENT_AND_USERS = [
    "accounts",
    "auth.group",
    "courses",
    "taggit",
    "wagtailcore.page",
    "wagtailcore.revision",
    "wagtailcore.groupPagePermission",
    "wagtailcore.workflowPage",
    "wagtailimages.image",
    "wagtaildocs.document",
    "wagtailembeds.embed",
]


def dump():
    out = StringIO()
    call_command("dumpdata", *CONTENT_AND_USERS, indent=1, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seeding_twice_changes_nothing(seeded):
    first = dump()

    call_command("seed_demo", stdout=StringIO())

    assert dump() == first


def test_seeding_prints_the_demo_logins(seeded):
    for email in ("learner", "author", "editor", "admin", "focal"):
        assert f"{email}@example.org" in seeded
    assert DEMO_PASSWORD in seeded


def test_the_demo_course_has_six_substantial_modules(seeded):
    course = CoursePage.objects.get(slug="ict-strategy-for-senior-managers")
    modules = [step for step in course.step_list if isinstance(step, ModulePage)]

    assert len(modules) >= 6
    for module in modules:
        block_types = {block.block_type for block in module.body}
        assert len(block_types) >= 6, module.title
        words = sum(len(str(block.render()).split()) for block in module.body)
        assert words > 700, module.title
    english = CoursePage.objects.live().filter(locale=Locale.get_default())
    assert english.count() == 2


def test_demo_users_log_in_with_the_demo_password(client, seeded):
    response = client.post(
        "/en/accounts/login/",
        {"username": "learner@example.org", "password": DEMO_PASSWORD},
    )

    assert response.status_code == 302
    user = get_user_model().objects.get(email="learner@example.org")
    assert user.organisation.acronym == "UNDP"
    assert get_user_model().objects.get(email="admin@example.org").is_superuser


def test_every_module_of_the_demo_course_is_followed_by_its_quiz(seeded):
    course = CoursePage.objects.get(slug="ict-strategy-for-senior-managers")
    steps = course.step_list
    quizzes = [step for step in steps if isinstance(step, QuizPage)]

    assert len(quizzes) == 6
    for module, quiz in zip(steps[::2], steps[1::2], strict=True):
        assert isinstance(module, ModulePage) and isinstance(quiz, QuizPage)
        questions = [item.question for item in quiz.quiz_questions.all()]
        assert 5 <= len(questions) <= 8
    kinds = {
        item.question.question_type
        for quiz in quizzes
        for item in quiz.quiz_questions.all()
    }
    assert kinds == set(QuestionType)
    assert any(quiz.draws.exists() for quiz in quizzes)


def test_the_demo_course_and_its_quizzes_are_in_french(client, seeded):
    french = Locale.objects.get(language_code="fr")
    course = CoursePage.objects.get(locale=french, alias_of__isnull=True)
    assert course.live
    assert course.title == "Stratégie en matière de TIC pour les cadres supérieurs"
    steps = course.get_children().specific()
    assert len(steps) >= 12
    assert all(step.live and step.alias_of_id is None for step in steps)
    quiz = next(step for step in steps if isinstance(step, QuizPage))
    assert all(
        item.question.locale_id == french.pk for item in quiz.quiz_questions.all()
    )
    # Every string of every translation has its French: none waits.
    for translation in Translation.objects.filter(target_locale=french):
        total, translated = translation.get_progress()
        assert total == translated, translation.source.object_repr
    page = client.get(course.url)
    assert page.status_code == 200
    assert '<html lang="fr"' in page.text


def test_the_other_courses_show_in_english_under_french(client, seeded):
    french = Locale.objects.get(language_code="fr")
    aliases = CoursePage.objects.filter(locale=french, alias_of__isnull=False)
    assert aliases.exists()
    page = client.get(aliases.first().url)
    assert page.status_code == 200
    assert "anglais" in page.text


def test_demo_strings_lists_every_string_with_its_french(tmp_path):
    out = StringIO()
    call_command("demo_strings", output=tmp_path / "demo.po", stdout=out)

    assert "0 without French" in out.getvalue()
    written = (tmp_path / "demo.po").read_text()
    assert 'msgid "ICT strategy for senior managers"' in written
    assert 'msgstr "Stratégie en matière de TIC pour les cadres supérieurs"' in written
    # It seeded in a transaction it rolled back.
    assert not CoursePage.objects.exists()
