"""Lessons and outlines are rendered once and reused, and never shown stale: a new
revision, a preview or a learner's progress each gets its own copy."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import UserFactory, lesson, make_course, make_module, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    client.force_login(UserFactory())
    return client


def test_a_lesson_published_again_is_shown_with_its_new_text(reader):
    course = make_course(open_access=True)
    module = make_module(course, title="Vendors", body=lesson("First version."))
    assert "First version." in reader.get(module.url).text

    module.body = lesson("Second version.")
    publish(module)

    page = reader.get(module.url).text
    assert "Second version." in page
    assert "First version." not in page


def test_a_preview_shows_the_draft_and_the_live_page_keeps_the_published_text(
    reader,
):
    course = make_course(open_access=True)
    module = make_module(course, title="Vendors", body=lesson("Published text."))
    reader.get(module.url)  # the published lesson is now cached

    module.body = lesson("Draft text.")
    module.save_revision()
    preview = module.make_preview_request().render().content.decode()

    assert "Draft text." in preview
    assert "Published text." not in preview
    live = reader.get(module.url).text
    assert "Published text." in live
    assert "Draft text." not in live


def test_the_outline_follows_a_renamed_step(reader):
    course = make_course(open_access=True)
    first = make_module(course, title="Vendors")
    second = make_module(course, title="Contracts")
    assert "Contracts" in reader.get(first.url).text

    second.title = "Negotiating contracts"
    publish(second)

    assert "Negotiating contracts" in reader.get(first.url).text


def test_the_outline_shows_each_learner_their_own_progress(client):
    course = make_course(modules=2)
    first = course.step_list[0]
    ahead, behind = UserFactory(), UserFactory()
    for learner in (ahead, behind):
        client.force_login(learner)
        client.post(reverse("progress:enrol", args=[course.pk]))
    client.force_login(ahead)
    client.post(reverse("progress:mark_done", args=[first.pk]))

    def done_steps(learner):
        client.force_login(learner)
        page = client.get(course.url).text
        return page.count("outline__step--done")

    assert done_steps(ahead) == 1
    assert done_steps(behind) == 0
    assert done_steps(ahead) == 1


def test_a_course_published_with_new_topics_and_introduction_shows_them(client):
    course = make_course(topics=["Cloud"], intro="<p>Old introduction.</p>")
    assert "Old introduction." in client.get(course.url).text

    course.tags.set(["Security"])
    course.intro = "<p>New introduction.</p>"
    publish(course)

    page = client.get(course.url).text
    assert "New introduction." in page
    assert "?topic=security" in page
    assert "?topic=cloud" not in page


def test_a_steps_heading_and_navigation_follow_its_neighbours_and_course(reader):
    course = make_course(open_access=True, title="Cloud strategy")
    first = make_module(course, title="Vendors")
    second = make_module(course, title="Contracts")
    page = reader.get(first.url).text
    assert "Step 1 of 2" in page
    assert 'rel="next">' in page and "Contracts</a>" in page

    second.title = "Negotiating contracts"
    publish(second)
    make_module(course, title="Exit plans")
    course.title = "Cloud strategy for managers"
    publish(course)

    soup = BeautifulSoup(reader.get(first.url).content, "html.parser")
    assert "Step 1 of 3" in soup.select_one(".module-header").text
    assert "Negotiating contracts" in soup.select_one(".step-nav").text
    assert "Cloud strategy for managers" in soup.select_one(".breadcrumbs").text
