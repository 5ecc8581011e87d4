"""Plain pages of the site: a title and text, the same for everyone."""

import pytest

from courses.models import InfoPage
from tests.factories import catalogue, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def about():
    page = InfoPage(
        title="About these courses",
        slug="about",
        body="<p>Short courses for <b>senior managers</b>.</p>",
    )
    catalogue().add_child(instance=page)
    return publish(page)


def test_anyone_reads_an_info_page(client, about):
    response = client.get("/en/about/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>About these courses</h1>" in page
    assert "<b>senior managers</b>" in page


def test_an_info_page_costs_a_fixed_number_of_queries(
    client, about, django_assert_num_queries
):
    client.get("/en/about/")
    # Wagtail's own serving: the site, the locale, the route (3), view restrictions.
    with django_assert_num_queries(7):
        client.get("/en/about/")


def test_authors_may_add_info_pages_only_under_the_catalogue():
    from courses.models import CourseIndexPage, CoursePage

    assert InfoPage in CourseIndexPage.allowed_subpage_models()
    assert InfoPage not in CoursePage.allowed_subpage_models()
