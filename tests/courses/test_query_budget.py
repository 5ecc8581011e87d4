"""Hot pages run a fixed number of queries, however many courses or modules."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory, lesson, make_course, make_image, make_module

pytestmark = pytest.mark.django_db

# Pinned: a change here must be a decision, not an accident.
CATALOGUE_QUERIES = 10
# Its topics and introduction are cached per published revision (cache_published).
COURSE_QUERIES = 8
# A signed-in reader: the session, the user and their (absent) enrolment come on
# top of what a visitor's page needs. The step is
# routed from the cached outline; the lesson's HTML (its image included) and the
# header's admin link are cached.
MODULE_QUERIES = 10
# Two sizes held to the same count: a query per course or module would show as
# five more at the larger (30 took seconds to build and showed nothing more).
SIZES = [3, 8]


def count_queries(client, url):
    client.get(url)  # first view creates image renditions; measure the steady state
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("n", SIZES)
def test_the_catalogue_query_count_does_not_grow_with_courses(client, n):
    image = make_image()
    for number in range(n):
        make_course(f"Course {number}", topics=[f"Topic {number % 4}"], image=image)

    queries, soup = count_queries(client, "/en/")

    assert len(soup.select(".course-card")) == n
    assert len(soup.select(".course-card img")) == n
    assert queries == CATALOGUE_QUERIES


@pytest.mark.parametrize("n", SIZES)
def test_the_course_page_query_count_does_not_grow_with_modules(client, n):
    course = make_course(modules=n, topics=["Governance"], image=make_image())

    queries, soup = count_queries(client, course.url)

    assert len(soup.select(".outline__step")) == n
    assert queries == COURSE_QUERIES


@pytest.mark.parametrize("n", SIZES)
def test_the_module_page_query_count_does_not_grow_with_modules(client, n):
    """A signed-in reader of an open course (enrolled learners: tests/progress)."""
    client.force_login(UserFactory())
    course = make_course(modules=n - 1, open_access=True)
    module = make_module(
        course,
        title="Last module",
        body=[
            {"type": "heading", "value": {"text": "Overview", "level": "h2"}},
            *lesson("First point.", "Second point."),
            {
                "type": "image",
                "value": {"image": make_image().pk, "alt_text": "A map", "caption": ""},
            },
        ],
    )

    queries, soup = count_queries(client, module.url)

    assert len(soup.select(".outline__step")) == n
    assert soup.select_one(".block-image img")["alt"] == "A map"
    assert queries == MODULE_QUERIES
