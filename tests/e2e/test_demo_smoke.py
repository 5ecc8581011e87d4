"""The demo course, as `seed_demo` loads it, can be walked from end to end."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, ModulePage
from learning.demo.seeding import DEMO_PASSWORD
from tests.e2e.conftest import MOBILE, assert_accessible, page_width, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_COURSE = "ICT strategy for senior managers"


@pytest.fixture
def demo_course(settings, tmp_path):
    from learning.demo.seeding import seed_demo

    # Files on disk, as in production: Wagtail serves a document from the storage's
    # path, which the test settings' in-memory storage claims but does not have.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"

    seed_demo()
    return CoursePage.objects.get(title=DEMO_COURSE)


def test_the_demo_course_walks_from_the_catalogue_through_every_step_on_any_screen(
    live_server, page, mobile_page, demo_course
):
    # (One test rather than two: the demo is seeded once for both screens.)
    steps = demo_course.step_list
    assert sum(isinstance(step, ModulePage) for step in steps) >= 6

    # Given the catalogue, the demo author (who reads every step of the courses
    # they edit, without enrolling) opens the demo course
    sign_in(page, live_server.url, "author@example.org", DEMO_PASSWORD)
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    page.locator(".course-grid").get_by_role("link", name=DEMO_COURSE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_COURSE)
    assert_accessible(page)

    # When they open the first step and follow "Next" to the end
    outline = page.get_by_role("region", name="Course outline")
    with page.expect_navigation() as navigation:
        outline.get_by_role("link", name=steps[0].title, exact=True).click()
    seen = []
    transcripts = 0
    documents = []
    for number, step in enumerate(steps, start=1):
        # Then every step answers, is titled, says where it is and passes axe
        assert navigation.value.status == 200, page.url
        expect(page).to_have_url(live_server.url + step.url)
        expect(page.get_by_role("heading", level=1)).to_have_text(step.title)
        expect(page.get_by_text(f"Step {number} of {len(steps)}")).to_be_visible()
        expect(page.locator(".outline [aria-current=page]")).to_have_text(step.title)
        assert_accessible(page)
        seen.append(step.title)

        videos = page.locator(".block-video__transcript")
        if videos.count() and not transcripts:
            # The first video met: its transcript opens by keyboard and has text.
            videos.first.locator("summary").focus()
            page.keyboard.press("Enter")
            expect(videos.first).to_have_attribute("open", "")
            expect(videos.first.locator("p").first).to_be_visible()
            expect(videos.first.locator("p").first).not_to_be_empty()
        transcripts += videos.count()
        documents += [
            link.get_attribute("href")
            for link in page.locator("a.block-document__link[download]").all()
        ]

        step_nav = page.get_by_role("navigation", name="Previous and next step")
        if number < len(steps):
            with page.expect_navigation() as navigation:
                step_nav.get_by_role("link", name=re.compile(r"^Next\b")).click()

    # And the last step leads back to the course
    step_nav.get_by_role("link", name=re.compile(r"^Back to")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_COURSE)

    assert seen == [step.title for step in steps]
    assert transcripts, "no video with a transcript in the demo course"
    assert documents, "no downloadable document in the demo course"
    download = page.request.get(live_server.url + documents[0])
    assert download.status == 200
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.body()

    # And on a phone-sized screen
    sign_in(mobile_page, live_server.url, "author@example.org", DEMO_PASSWORD)
    for step in [demo_course, *steps]:
        # When a page of the course opens
        response = mobile_page.goto(live_server.url + step.url)
        assert response.status == 200, step.url

        # Then its videos, images, case studies and links stay within the screen
        expect(mobile_page.get_by_role("heading", level=1)).to_have_text(step.title)
        assert page_width(mobile_page) <= MOBILE["width"], step.url
