"""Course summaries cost the same number of queries whatever the number of
enrolments. Apart from test_summary.py: these tests list every course there is,
so they need a database without that module's courses."""

import pytest
from django.contrib.contenttypes.models import ContentType

from learning.reports.models import ReportExport
from tests.assessments.factories import make_quiz
from tests.factories import UserFactory, make_course, make_module

from .test_summary import (
    INDEX,
    attempt,
    complete,
    course_url,
    csv_rows,
    enrolment,
    make_focal_point,
    make_organisations,
    page,
    table_rows,
    visit,
)

pytestmark = pytest.mark.django_db

LIST_QUERIES = 23
COURSE_QUERIES = 14
EXPORT_QUERIES = 16
# 12 enrolments hold every mix the crowd has (organisation, course, progress,
# completion, pass): enough to show a cost that grows.
SIZES = [3, 12]


@pytest.fixture(scope="module")
def orgs(module_db):
    return make_organisations()


@pytest.fixture(scope="module")
def courses(module_db):
    """The crowd's two courses, built once for the module; each test enrols its
    own crowd in them."""
    course = make_course("Crowded course")
    return {
        "course": course,
        "module": make_module(course, title="Only module"),
        "quiz": make_quiz(course, title="Crowded quiz"),
        "other": make_course("Another course"),
    }


@pytest.fixture
def focal(orgs):
    return make_focal_point(orgs)


@pytest.fixture
def admin_user():
    return UserFactory(is_superuser=True, is_staff=True)


def crowd(courses, orgs, size):
    """`size` enrolments in the two courses, across organisations, with progress,
    completions and attempts of every kind."""
    course, other = courses["course"], courses["other"]
    organisations = [orgs["UNDP"], orgs["UNCDF"], orgs["WFP"], None]
    for number in range(size):
        person = UserFactory(organisation=organisations[number % 4])
        record = enrolment(person, course if number % 3 else other, enrolled=40)
        if number % 2:
            visit(record, courses["module"], days=number % 40, done=number % 4 == 1)
        if number % 4 == 1:
            complete(record, days=number % 30)
        attempt(
            person,
            courses["quiz"],
            1,
            score=number,
            passed=number % 3 == 0,
            days=number,
        )
    return course


@pytest.mark.parametrize("size", SIZES)
def test_the_list_costs_the_same_whatever_the_enrolments(
    client, courses, orgs, focal, django_assert_num_queries, size
):
    crowd(courses, orgs, size)
    client.force_login(focal)
    client.get(INDEX)  # warm the caches a first request fills (locales, sites)

    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(INDEX, {"organisation": orgs["UNDP"].pk})

    assert response.status_code == 200
    rows = table_rows(page(response).select_one("table.listing"))
    assert [row[0] for row in rows] == ["Another course", "Crowded course"]


@pytest.mark.parametrize("size", SIZES)
def test_a_course_costs_the_same_whatever_the_enrolments(
    client, courses, orgs, admin_user, django_assert_num_queries, size
):
    course = crowd(courses, orgs, size)
    client.force_login(admin_user)
    client.get(INDEX)

    with django_assert_num_queries(COURSE_QUERIES):
        response = client.get(course_url(course))

    assert response.status_code == 200
    soup = page(response)
    organisations = soup.find(id="organisations-heading").find_next("table")
    enrolled = sum(int(row[1]) for row in table_rows(organisations))
    assert enrolled == len([n for n in range(size) if n % 3])
    quizzes = table_rows(soup.find(id="quizzes-heading").find_next("table"))
    # Every enrolled learner made one attempt; those who passed (n % 3 == 0)
    # are enrolled in the other course only.
    assert quizzes[0][:4] == ["Crowded quiz", str(enrolled), str(enrolled), "0"]


@pytest.mark.parametrize("size", SIZES)
def test_an_export_costs_the_same_whatever_the_enrolments(
    client, courses, orgs, admin_user, django_assert_num_queries, size
):
    course = crowd(courses, orgs, size)
    client.force_login(admin_user)
    client.get(INDEX)
    ContentType.objects.get_for_model(ReportExport)  # cached by an earlier test, or not

    with django_assert_num_queries(EXPORT_QUERIES):
        response = client.get(course_url(course), {"export": "csv"})
        rows = csv_rows(response)

    assert rows[1][:2] == ["Course", "Crowded course"]
