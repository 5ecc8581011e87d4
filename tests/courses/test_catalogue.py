import pytest
from bs4 import BeautifulSoup

from courses.models import CourseIndexPage
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db


def card_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".course-card__title")]


@pytest.fixture(scope="module")
def courses(module_db):
    """Three courses, built once for the module: tests only read them."""
    make_course("Procurement together", topics=["Procurement"], modules=1)
    make_course(
        "Leading digital change",
        topics=["Change management", "Leadership"],
        summary="How managers steer people through a new system.",
        modules=2,
    )
    make_course("Interoperable systems", topics=["Standards"], modules=1)


def test_the_catalogue_shows_every_live_course_with_its_facts(client, courses):
    response = client.get("/en/")

    assert response.status_code == 200
    assert card_titles(response) == [
        "Procurement together",
        "Leading digital change",
        "Interoperable systems",
    ]
    assert "2 steps" in response.text
    assert "3 courses" in response.text


def test_the_unprefixed_catalogue_redirects_to_the_language_prefix(client, courses):
    response = client.get("/", follow=True)

    assert response.redirect_chain[-1][0] == "/en/"
    assert len(card_titles(response)) == 3


def test_filtering_by_topic_shows_only_its_courses(client, courses):
    response = client.get("/en/", {"topic": "change-management"})

    assert card_titles(response) == ["Leading digital change"]
    assert 'aria-current="true">Change management' in response.text


def test_search_finds_courses_by_words_in_their_summary(client, courses):
    response = client.get("/en/", {"q": "steer people"})

    assert card_titles(response) == ["Leading digital change"]


def test_search_and_topic_combine(client, courses):
    assert card_titles(client.get("/en/", {"q": "steer", "topic": "leadership"})) == [
        "Leading digital change"
    ]
    assert card_titles(client.get("/en/", {"q": "steer", "topic": "standards"})) == []


def test_a_search_without_results_says_so(client, courses):
    response = client.get("/en/", {"q": "zebra crossings"})

    assert response.status_code == 200
    assert "No course matches" in response.text


def test_unknown_topics_and_odd_page_numbers_do_not_break_the_catalogue(
    client, courses
):
    assert card_titles(client.get("/en/", {"topic": "no-such-topic"})) == []
    for page in ("999", "abc", "-1", ""):
        response = client.get("/en/", {"page": page})
        assert response.status_code == 200
        assert len(card_titles(response)) == 3


def test_the_catalogue_paginates_long_lists(client, courses, monkeypatch):
    # Two to a page, so that three courses make a long list.
    monkeypatch.setattr(CourseIndexPage, "courses_per_page", 2)

    first = client.get("/en/")
    second = client.get("/en/", {"page": 2})

    assert card_titles(first) == ["Procurement together", "Leading digital change"]
    assert card_titles(second) == ["Interoperable systems"]
    assert "Page 2 of 2" in second.text


def test_unpublished_courses_are_not_listed(client, courses):
    course = make_course("Not yet ready")
    course.unpublish()

    assert "Not yet ready" not in card_titles(client.get("/en/"))


def test_a_course_page_lists_its_modules_with_their_time(client):
    course = make_course("Joint procurement")
    make_module(course, title="Why buy together", estimated_minutes=25)
    make_module(course, title="Framework agreements", estimated_minutes=35)

    response = client.get(course.url)

    soup = BeautifulSoup(response.content, "html.parser")
    steps = [s.get_text(" ", strip=True) for s in soup.select(".outline__step")]
    assert steps[0].startswith("1 Why buy together Module · 25 minutes")
    assert steps[1].startswith("2 Framework agreements Module · 35 minutes")
    # Steps are for enrolled learners: a visitor is asked to sign in first.
    assert not soup.select(".outline__link")
    assert "/accounts/login/" in soup.select_one(".button--primary")["href"]


def test_a_module_page_links_to_its_neighbours_and_shows_the_outline(client):
    client.force_login(UserFactory())
    course = make_course("Joint procurement", open_access=True)
    first = make_module(course, title="Why buy together")
    second = make_module(course, title="Framework agreements")
    third = make_module(course, title="Vendor management")

    soup = BeautifulSoup(client.get(second.url).content, "html.parser")

    assert soup.select_one("a[rel=prev]")["href"] == first.url
    assert soup.select_one("a[rel=next]")["href"] == third.url
    assert soup.select_one(".outline [aria-current=page]").get_text() == (
        "Framework agreements"
    )
    assert "Step 2 of 3" in soup.get_text()
