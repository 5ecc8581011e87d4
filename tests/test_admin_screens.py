"""Every admin screen the platform adds opens for the people who use it."""

import pytest

from courses.authoring import AUTHORS
from learning.demo.seeding import seed_demo
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_SCREENS = [
    "/admin/snippets/assessments/question/",
    "/admin/snippets/assessments/question/?question_type=numeric&tags=1",
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
    "/admin/certificates/regenerate/",
    "/admin/certificate-templates/",
    "/admin/certificate-templates/add/",
]


def test_every_admin_screen_opens_for_an_administrator(client):
    seed_demo()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for url in ADMIN_SCREENS:
        assert client.get(url).status_code == 200, url


def test_authors_open_the_question_bank_and_the_quiz_editor(client):
    from assessments.models import QuizPage

    seed_demo()
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


def test_a_missing_admin_object_is_a_plain_404(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    for url in ("/admin/enrolments/edit/999999/", "/admin/no-such-screen/"):
        response = client.get(url)
        assert response.status_code == 404, url
