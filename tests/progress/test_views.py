"""The learner's side of progress: enrol, read, mark done, complete, dashboard."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from courses.models import CoursePage
from learning.progress.models import CourseCompletion, Enrolment, StepProgress
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture(scope="module")
def built_course(module_db):
    """Built once for the module (pages are slow to build)."""
    course = make_course("Joint procurement", topics=["Procurement"])
    make_module(course, title="Why buy together")
    make_module(course, title="Framework agreements")
    return course.pk


@pytest.fixture
def course(built_course):
    # A copy of its own for each test: some change the course or cache its steps.
    return CoursePage.objects.get(pk=built_course)


@pytest.fixture(scope="module")
def built_quiz(module_db):
    """A course with a module, then a true/false quiz, built once for the module."""
    from assessments.models import QuestionType
    from tests.assessments.factories import make_question, make_quiz

    course = make_course(modules=1)
    return make_quiz(course, questions=[make_question(QuestionType.TRUE_FALSE)]).pk


@pytest.fixture
def quiz(built_quiz):
    from assessments.models import QuizPage

    return QuizPage.objects.get(pk=built_quiz)


def outline_states(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [s.get_text(strip=True) for s in soup.select(".outline__state")]


def test_a_learner_enrols_reads_marks_done_and_completes(client, learner, course):
    first, second = course.steps()

    page = client.get(course.url)
    assert "Enrol in this course" in page.text
    enrolled = client.post(f"/en/courses/{course.pk}/enrol/")
    assert enrolled["Location"] == first.url
    client.get(first.url)
    assert outline_states(client.get(course.url)) == ["Started", "Not started"]

    done = client.post(f"/en/modules/{first.pk}/done/")
    assert done["Location"] == second.url
    course_page = client.get(course.url)
    assert outline_states(course_page) == ["Done", "Not started"]
    assert "50% complete" in course_page.text
    assert "Resume: Framework agreements" in course_page.text

    finished = client.post(f"/en/modules/{second.pk}/done/", follow=True)
    assert "You have completed Joint procurement" in finished.text
    assert CourseCompletion.objects.get().enrolment.learner == learner
    assert "You completed this course on" in client.get(course.url).text


def test_marking_a_module_done_needs_an_enrolment(client, learner, course):
    module = course.steps()[0]

    assert client.post(f"/en/modules/{module.pk}/done/").status_code == 404
    assert not Enrolment.objects.exists()


def test_the_dashboard_shows_progress_next_steps_and_recommendations(
    client, learner, course
):
    other = make_course("Buying cloud services", topics=["Procurement"])
    make_module(other)
    client.post(f"/en/courses/{course.pk}/enrol/")
    client.post(f"/en/modules/{course.steps()[0].pk}/done/")

    page = client.get("/en/my-learning/")

    assert page.status_code == 200
    assert "50% complete" in page.text
    assert "Next: Framework agreements" in page.text
    assert "Recommended for you" in page.text and "Buying cloud services" in page.text


def test_a_learner_never_sees_another_learners_progress(client, course):
    someone = UserFactory()
    client.force_login(someone)
    client.post(f"/en/courses/{course.pk}/enrol/")
    client.post(f"/en/modules/{course.steps()[0].pk}/done/")
    client.force_login(UserFactory())

    assert (
        "You are not enrolled in any course yet" in client.get("/en/my-learning/").text
    )
    assert outline_states(client.get(course.url)) == []
    assert "Enrol in this course" in client.get(course.url).text


def progress_summary(client, course):
    page = BeautifulSoup(client.get(course.url).content, "html.parser")
    actions = page.select_one(".course-hero__text")
    return (
        actions.select_one(".progress__text").get_text(strip=True),
        actions.select_one("a.button--primary").get_text(strip=True),
    )


def test_each_learner_sees_their_own_progress_summary_on_the_course_page(
    client, course
):
    # The summary's HTML is shared by learners at the same point; learners at
    # different points, and one learner moving on, each see their own.
    first, second = course.steps()
    ahead, beginner, alike = UserFactory(), UserFactory(), UserFactory()
    for learner in (ahead, beginner, alike):
        client.force_login(learner)
        client.post(f"/en/courses/{course.pk}/enrol/")
    for learner in (ahead, alike):
        client.force_login(learner)
        client.post(f"/en/modules/{first.pk}/done/")

    client.force_login(ahead)
    assert progress_summary(client, course) == (
        "50% complete",
        "Resume: Framework agreements",
    )
    client.force_login(beginner)
    assert progress_summary(client, course) == ("0% complete", "Start the course")
    client.force_login(alike)
    assert progress_summary(client, course) == (
        "50% complete",
        "Resume: Framework agreements",
    )

    client.force_login(beginner)
    client.get(second.url)  # started, not done: the first step is still next
    assert progress_summary(client, course) == (
        "0% complete",
        "Resume: Why buy together",
    )


def test_the_dashboard_asks_visitors_to_log_in(client):
    response = client.get("/en/my-learning/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# (A few rows more are enough: a query per row would change the count.)
@pytest.mark.parametrize("n", [2, 6])
def test_the_dashboard_query_count_does_not_grow_with_enrolments(client, learner, n):
    from tests.assessments.factories import make_question, make_quiz

    for number in range(n):
        course = make_course(f"Course {number}", topics=["Governance"])
        make_module(course)
        make_quiz(course, questions=[make_question()])
        client.post(f"/en/courses/{course.pk}/enrol/")
    make_course("Recommended next", topics=["Governance"])
    client.get("/en/my-learning/")

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/my-learning/")

    soup = BeautifulSoup(page.content, "html.parser")
    assert len(soup.select("div.dashboard-item")) == n
    assert "Recommended next" in page.content.decode()
    assert len(queries) == DASHBOARD_QUERIES


# Session, user, enrolments with their step progress (and completions, for a
# learner who has some); outlines (courses/outlines.py) and recommendations come
# from the cache.
DASHBOARD_QUERIES = 5


def test_in_an_ordered_course_a_later_step_waits_with_an_explanation(
    client, learner, course
):
    course.steps_in_order = True
    course.save_revision().publish()
    first, second = course.steps()
    client.post(f"/en/courses/{course.pk}/enrol/")

    refused = client.get(second.url, follow=True)

    assert refused.redirect_chain[-1][0] == course.url
    assert (
        "“Framework agreements” opens once you have completed “Why buy together”"
        in (refused.text)
    )
    assert outline_states(refused) == ["Not started", "Locked"]
    client.post(f"/en/modules/{first.pk}/done/")
    assert client.get(second.url).status_code == 200


def test_a_locked_module_cannot_be_marked_done_by_posting_to_it(
    client, learner, course
):
    course.steps_in_order = True
    course.save_revision().publish()
    first, second = course.steps()
    client.post(f"/en/courses/{course.pk}/enrol/")

    refused = client.post(f"/en/modules/{second.pk}/done/", follow=True)
    from_script = client.post(
        f"/en/modules/{second.pk}/done/", headers={"Accept": "application/json"}
    )

    assert refused.redirect_chain[-1][0] == course.url
    assert "opens once you have completed “Why buy together”" in refused.text
    assert from_script.status_code == 409
    assert outline_states(client.get(course.url)) == ["Not started", "Locked"]
    assert not StepProgress.objects.filter(completed_at__isnull=False).exists()


def test_a_quiz_in_a_locked_step_cannot_be_started(client, learner, course):
    from assessments.models import Attempt
    from tests.assessments.factories import make_question, make_quiz

    quiz = make_quiz(course, questions=[make_question()])
    course.steps_in_order = True
    course.save_revision().publish()
    client.post(f"/en/courses/{course.pk}/enrol/")

    response = client.post(f"/en/quizzes/{quiz.pk}/start/", follow=True)

    assert response.redirect_chain[-1][0] == course.url
    assert "opens once you have completed “Why buy together”" in response.text
    assert not Attempt.objects.exists()


def test_a_learner_leaves_a_course_and_the_record_is_kept(client, learner, course):
    client.post(f"/en/courses/{course.pk}/enrol/")
    client.post(f"/en/modules/{course.steps()[0].pk}/done/")

    left = client.post(f"/en/courses/{course.pk}/withdraw/", follow=True)

    assert "You have left Joint procurement" in left.text
    assert "You are not enrolled in any course yet" in left.text
    assert "Enrol in this course" in client.get(course.url).text
    withdrawn = Enrolment.objects.get()
    assert withdrawn.status == "withdrawn" and withdrawn.ended_at
    assert withdrawn.step_progress.count() == 1
    client.post(f"/en/courses/{course.pk}/enrol/")
    assert Enrolment.objects.count() == 2
    assert client.post(f"/en/courses/{course.pk}/withdraw/").status_code == 302
    assert client.post(f"/en/courses/{course.pk}/withdraw/").status_code == 404


# (A few rows more are enough: a query per row would change the count.)
@pytest.mark.parametrize("n", [3, 8])
def test_an_enrolled_learners_step_page_runs_a_fixed_number_of_queries(
    client, learner, n
):
    from tests.assessments.factories import make_question, make_quiz

    course = make_course(modules=n - 1)
    make_quiz(course, questions=[make_question()])
    step = course.steps()[1]
    client.post(f"/en/courses/{course.pk}/enrol/")
    client.get(step.url)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(step.url)

    assert len(BeautifulSoup(page.content, "html.parser").select(".outline__step")) == n
    assert outline_states(page)[1] == "Started"
    assert len(queries) == ENROLLED_STEP_QUERIES


# The step hook and the outline share one course state per request (the learner's
# enrolment, then its progress rows); the step is routed from the cached outline,
# and a visit within a minute of the last writes nothing.
ENROLLED_STEP_QUERIES = 11


# (A few rows more are enough: a query per row would change the count.)
@pytest.mark.parametrize("n", [5, 10])
def test_an_enrolled_learners_course_page_runs_a_fixed_number_of_queries(
    client, learner, n
):
    from tests.assessments.factories import make_question, make_quiz

    course = make_course(modules=n - 1)
    make_quiz(course, questions=[make_question()])
    client.post(f"/en/courses/{course.pk}/enrol/")
    for step in course.steps()[:2]:
        client.post(f"/en/modules/{step.pk}/done/")
    client.get(course.url)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(course.url)

    states = outline_states(page)
    assert len(states) == n
    assert states[:3] == ["Done", "Done", "Not started"]
    assert f"{round(200 / n)}% complete" in page.text
    assert len(queries) == ENROLLED_COURSE_QUERIES


# Session, user, site, locale, page and its ancestors, and the learner's state
# (their enrolment, its progress rows, and its completions only once they have
# one); the outline, the topics and the header's admin link come from the cache.
ENROLLED_COURSE_QUERIES = 11


def test_a_completed_courses_page_adds_two_queries_for_completions_and_certificates(
    client, learner, course
):
    from tests.certificates.factories import make_certificate

    client.post(f"/en/courses/{course.pk}/enrol/")
    for step in course.steps():
        client.post(f"/en/modules/{step.pk}/done/")
    make_certificate(CourseCompletion.objects.get())
    client.get(course.url)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(course.url)

    assert "You completed this course on" in page.text
    assert "Download certificate (PDF)" in page.text
    assert len(queries) == COMPLETED_COURSE_QUERIES


# The learner's completions, then their certificates (the certificates app names
# them through the load_with_completions hook) in one query more.
COMPLETED_COURSE_QUERIES = ENROLLED_COURSE_QUERIES + 2


def test_passing_a_quiz_completes_its_step_in_a_fixed_number_of_queries(
    client, learner, quiz
):
    from assessments.models import Attempt

    client.post(f"/en/courses/{quiz.course.pk}/enrol/")
    client.post(f"/en/quizzes/{quiz.pk}/start/")
    attempt = Attempt.objects.get()
    answer = {f"q-{attempt.questions[0]['id']}": "true"}

    with (
        CaptureQueriesContext(connection) as queries,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        client.post(f"/en/attempts/{attempt.pk}/submit/", answer)

    assert StepProgress.objects.get(step_key=quiz.translation_key).completed_at
    assert len(queries) == PASSED_SUBMIT_QUERIES


# The submission (session, user, the attempt, then locked and written), then the
# learner's enrolment in the quiz's course found in one query with its course
# page, and the step's progress written (savepoints counted).
PASSED_SUBMIT_QUERIES = 16


def test_starting_a_quiz_and_reading_its_result_run_a_fixed_number_of_queries(
    client, learner, quiz
):
    from assessments.models import Attempt

    client.post(f"/en/courses/{quiz.course.pk}/enrol/")

    with CaptureQueriesContext(connection) as queries:
        started = client.post(f"/en/quizzes/{quiz.pk}/start/")
    # (counted now: each request empties Django's query log)
    assert len(queries) == QUIZ_START_QUERIES
    attempt = Attempt.objects.get()
    assert started["Location"] == f"/en/attempts/{attempt.pk}/"
    answer = {f"q-{attempt.questions[0]['id']}": "true"}
    result = client.post(f"/en/attempts/{attempt.pk}/submit/", answer)
    client.get(result["Location"])  # the header's admin link is then cached
    with CaptureQueriesContext(connection) as queries:
        page = client.get(result["Location"])

    assert "Passed" in page.text
    assert len(queries) == QUIZ_RESULT_QUERIES


# Starting: session, user, the quiz (its view restrictions, then the page), its
# course (one query, not the parent and then its specific page), the learner's
# state; then the learner's attempts at the quiz (one query tells whether one is
# open and how many there were), the quiz's questions and draws, the default
# locale, the questions and their choices, and the attempt written (savepoints
# counted).
QUIZ_START_QUERIES = 18
# The result: session, user, the attempt with its quiz, the site, the quiz's
# course, and the learner's state.
QUIZ_RESULT_QUERIES = 7
