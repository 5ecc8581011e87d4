from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale
from wagtail_localize.models import Translation

from assessments.models import QuestionType, QuizPage
from courses.authoring import AUTHORS
from courses.models import CoursePage, ModulePage
from learning.accounts.models import Organisation
from learning.accounts.roles import FOCAL_POINTS
from learning.demo.seeding import DEMO_PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()

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


@pytest.fixture(scope="module")
def seeded(module_db):
    """The demo, seeded once for this module's tests: what `seed_demo` printed."""
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seeding_twice_changes_nothing(seeded):
    first = dump()

    call_command("seed_demo", stdout=StringIO())

    assert dump() == first
    focal = User.objects.get(email="focal@example.org")
    assert focal.focal_organisations.count() == 1


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
    user = User.objects.get(email="learner@example.org")
    assert user.organisation.acronym == "UNDP"
    assert User.objects.get(email="admin@example.org").is_superuser


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


def test_demo_strings_lists_every_string_with_its_french(tmp_path, seeded):
    # A demo user missing: the command's own seed writes it again, then rolls back.
    User.objects.filter(email="learner@example.org").delete()
    out = StringIO()
    call_command("demo_strings", output=tmp_path / "demo.po", stdout=out)

    assert "0 without French" in out.getvalue()
    written = (tmp_path / "demo.po").read_text()
    assert 'msgid "ICT strategy for senior managers"' in written
    assert 'msgstr "Stratégie en matière de TIC pour les cadres supérieurs"' in written
    # It seeded in a transaction it rolled back.
    assert not User.objects.filter(email="learner@example.org").exists()


# Every admin screen the platform adds opens for the people who use it, on the
# demo's records.
ADMIN_SCREENS = [
    "/admin/snippets/assessments/question/",
    "/admin/snippets/assessments/question/?question_type=numeric&tags={question_tag}",
    "/admin/snippets/assessments/question/add/",
    "/admin/quiz_attempts/",
    "/admin/quiz_attempts/?status=submitted",
    "/admin/extra_attempts/",
    "/admin/extra_attempts/new/",
    "/admin/extra_time/",
    "/admin/extra_time/new/",
    "/admin/organisations/",
    "/admin/organisations/new/",
    "/admin/enrolments/",
    "/admin/enrolments/?status=active&overdue=true",
    "/admin/enrolments/new/",
    "/admin/enrolment-imports/",
    "/admin/enrolment-imports/upload/",
    "/admin/enrolment-imports/template.csv",
    "/admin/users/",
    "/admin/certificates/",
    "/admin/certificates/?status=revoked",
    "/admin/certificates/?state=expired&q=x",
    "/admin/certificates/regenerate/",
    "/admin/certificate-templates/",
    "/admin/certificate-templates/add/",
]


def test_every_admin_screen_opens_for_an_administrator(client, seeded):
    from taggit.models import Tag

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    tagged = Tag.objects.filter(assessments_questiontag_items__isnull=False)
    for url in ADMIN_SCREENS:
        url = url.format(question_tag=tagged.first().pk)
        assert client.get(url).status_code == 200, url


def test_authors_open_the_question_bank_and_the_quiz_editor(client, seeded):
    client.force_login(UserFactory(groups=[AUTHORS]))
    quiz = QuizPage.objects.first()

    assert client.get("/admin/snippets/assessments/question/").status_code == 200
    assert client.get(f"/admin/pages/{quiz.pk}/edit/").status_code == 200
    assert client.get(f"/admin/quizzes/{quiz.pk}/statistics/").status_code == 200
    course = quiz.get_parent()
    assert (
        client.get(f"/admin/pages/add/assessments/quizpage/{course.pk}/").status_code
        == 200
    )


def test_the_demo_focal_point_looks_after_undp(client, seeded):
    focal = User.objects.get(email="focal@example.org")

    assert list(focal.focal_organisations.values_list("acronym", flat=True)) == ["UNDP"]
    assert focal.groups.filter(name=FOCAL_POINTS).exists()
    managed = set(
        Organisation.objects.managed_by(focal).values_list("acronym", flat=True)
    )
    assert {"UNDP", "UNCDF", "UNV"} <= managed and "WFP" not in managed
    client.force_login(focal)
    assert client.get("/admin/enrolments/").status_code == 200
    assert client.get("/admin/certificates/").status_code == 200
