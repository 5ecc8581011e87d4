"""Who may read a course's steps: its enrolled learners; in an open course, anyone
signed in may read the modules; authors read what they edit."""

import pytest

from assessments.models import Attempt
from courses.authoring import AUTHORS
from courses.models import CoursePage
from learning.progress.models import StepProgress
from tests.assessments.factories import make_question, make_quiz
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built_course(module_db):
    """Built once for the module (pages are slow to build)."""
    course = make_course("Joint procurement")
    make_module(course, title="Why buy together")
    make_quiz(course, questions=[make_question()], title="Check")
    return course.pk


@pytest.fixture
def course(built_course):
    # A copy of its own for each test: some change the course's settings.
    return CoursePage.objects.get(pk=built_course)


def steps(course):
    module, quiz = course.steps()
    return module, quiz


def test_a_visitor_is_asked_to_sign_in_and_sees_no_step(client, course):
    module, quiz = steps(course)

    for step in (module, quiz):
        response = client.get(step.url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")
    overview = client.get(course.url)
    assert overview.status_code == 200
    assert "Why buy together" in overview.text
    assert f'href="{module.url}"' not in overview.text


def test_a_learner_not_enrolled_is_sent_to_the_overview_with_the_reason(client, course):
    client.force_login(UserFactory())
    module, quiz = steps(course)

    refused = client.get(module.url, follow=True)

    assert refused.redirect_chain[-1][0] == course.url
    assert "Enrol in Joint procurement to read “Why buy together”" in refused.text
    assert client.post(f"/en/quizzes/{quiz.pk}/start/").status_code == 302
    assert not Attempt.objects.exists()
    assert not StepProgress.objects.exists()


def test_an_open_course_lets_anyone_signed_in_read_its_modules_not_its_quizzes(
    client, course
):
    course.open_access = True
    course.save_revision().publish()
    client.force_login(UserFactory())
    module, quiz = steps(course)

    page = client.get(module.url)

    assert page.status_code == 200
    assert "Enrol to keep your progress" in page.text
    assert client.get(quiz.url).status_code == 302
    assert client.get(course.url).text.count('class="outline__link"') == 1
    assert (
        not StepProgress.objects.exists()
    )  # reading without enrolling records nothing


def test_an_author_reads_the_steps_of_a_course_they_edit(client, course):
    from django.contrib.auth.models import Group

    author = UserFactory()
    author.groups.add(Group.objects.get(name=AUTHORS))
    client.force_login(author)
    module, quiz = steps(course)

    assert client.get(module.url).status_code == 200
    assert client.get(quiz.url).status_code == 200


def test_enrolling_opens_the_steps(client, course):
    client.force_login(UserFactory())
    module, _quiz = steps(course)
    client.post(f"/en/courses/{course.pk}/enrol/")

    assert client.get(module.url).status_code == 200
    assert StepProgress.objects.get().step_key == module.translation_key


def test_reaching_the_end_of_a_module_completes_it_when_the_course_says_so(
    client, course
):
    course.modules_complete_at_end = True
    course.save_revision().publish()
    client.force_login(UserFactory())
    module, _quiz = steps(course)
    client.post(f"/en/courses/{course.pk}/enrol/")

    page = client.get(module.url)
    assert "data-complete-at-end" in page.text and "js/module.js" in page.text
    reached = client.post(
        f"/en/modules/{module.pk}/done/", headers={"accept": "application/json"}
    )

    assert reached.json() == {"course_completed": False, "course_url": course.url}
    assert StepProgress.objects.get().completed_at is not None


def test_modules_do_not_complete_themselves_unless_the_course_says_so(client, course):
    client.force_login(UserFactory())
    module, _quiz = steps(course)
    client.post(f"/en/courses/{course.pk}/enrol/")

    page = client.get(module.url)

    assert "Mark as done" in page.text
    assert "data-complete-at-end" not in page.text
