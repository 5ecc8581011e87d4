"""A visitor finds a course in the catalogue and works through its first steps."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learning.progress.services import enrol
from tests.e2e.conftest import MOBILE, assert_accessible, page_width, sign_in
from tests.factories import TEST_PASSWORD, UserFactory, make_course, make_module

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEADING = "Leading digital change"
STEERING = "Steering ICT investment"
PROCUREMENT = "Procurement together"
VISITOR = "amina.diallo@undp.org"
SOURCE_URL = (
    "https://unsceb.org/sites/default/files/"
    "ICTStrategicFrameworkForTheUnitedNationsSystemOrganizations2026.pdf"
)
MODULES = [
    ("Why change is hard", 15),
    ("Building a coalition", 25),
    ("Making it stick", 30),
]


def rich_lesson(title):
    return [
        {"type": "heading", "value": {"text": f"About {title}", "level": "h2"}},
        {"type": "paragraph", "value": f"<p>What <b>{title}</b> covers.</p>"},
        {
            # A long unbroken link, as lessons cite them: it must wrap on a phone.
            "type": "paragraph",
            "value": f'<p>Source: <a href="{SOURCE_URL}">{SOURCE_URL}</a></p>',
        },
        {
            "type": "callout",
            "value": {
                "kind": "takeaway",
                "title": f"Remember {title}",
                "body": "<p>People adopt what they helped to shape.</p>",
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": "Culture eats strategy for breakfast.",
                "attribution": "A chief information officer",
            },
        },
        {"type": "heading", "value": {"text": "Your turn", "level": "h3"}},
        {
            "type": "reflection",
            "value": {
                "question": "Who in your office resists change, and why?",
                "guidance": "Note two names and one reason each.",
            },
        },
    ]


@pytest.fixture
def courses():
    leading = make_course(
        LEADING,
        topics=["Change management", "Leadership"],
        summary="Lead people through a change of systems and habits.",
        learning_outcomes=[{"type": "outcome", "value": "Plan a change programme"}],
        audience="Senior managers who sponsor ICT projects.",
    )
    for title, minutes in MODULES:
        make_module(
            leading, title=title, estimated_minutes=minutes, body=rich_lesson(title)
        )
    steering = make_course(
        STEERING,
        topics=["Governance", "Leadership"],
        summary="Decide which ICT investments serve the mandate.",
    )
    make_module(steering, title="Portfolio basics")
    procurement = make_course(
        PROCUREMENT,
        topics=["Procurement"],
        summary="Buy ICT services jointly with other organizations.",
    )
    make_module(procurement, title="Joint tenders")
    return {"leading": leading, "steering": steering, "procurement": procurement}


def card_titles(page):
    return page.locator(".course-grid").get_by_role("heading", level=2)


def outline_current(page):
    return page.get_by_role("complementary", name="Course outline").locator(
        "[aria-current=page]"
    )


def test_a_visitor_filters_searches_and_starts_a_course(live_server, page, courses):
    UserFactory(email=VISITOR)
    # Given the catalogue with three courses, at the site's root
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")
    expect(card_titles(page)).to_have_text([LEADING, STEERING, PROCUREMENT])
    assert_accessible(page)

    # When the visitor picks a topic, only that topic's courses remain
    topics = page.get_by_role("navigation", name="Filter by topic")
    topics.get_by_role("link", name="Leadership").click()
    expect(page).to_have_url(re.compile(r"\?topic=leadership$"))
    expect(card_titles(page)).to_have_text([LEADING, STEERING])
    expect(topics.get_by_role("link", name="Leadership")).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.get_by_role("status")).to_contain_text("2 courses")

    # And searches within it, the search narrows the topic's courses
    page.get_by_label("Search courses").fill("change")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=change"))
    expect(card_titles(page)).to_have_text([LEADING])
    expect(page.get_by_role("status")).to_contain_text("1 course")
    assert_accessible(page)

    # When the visitor opens the course, its modules are listed with their time
    card_titles(page).get_by_role("link", name=LEADING).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LEADING)
    outline = page.get_by_role("region", name="Course outline")
    expect(outline.get_by_role("listitem")).to_have_count(len(MODULES))
    for (title, minutes), step in zip(
        MODULES, outline.get_by_role("listitem").all(), strict=True
    ):
        # The steps are named, not yet linked: they open once the visitor enrols
        expect(step).to_contain_text(title)
        expect(step.get_by_role("link")).to_have_count(0)
        expect(step).to_contain_text(f"{minutes} minutes")
    expect(page.get_by_text("3 steps")).to_be_visible()
    assert_accessible(page)

    # When they sign in, they come back to the course, and enrolling opens the
    # first module with its lesson
    page.get_by_role("link", name="Sign in to enrol").click()
    page.get_by_label("Email address").fill(VISITOR)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LEADING)
    page.get_by_role("button", name="Enrol in this course").click()
    first, second, _third = (title for title, _minutes in MODULES)
    expect(page.get_by_role("heading", level=1)).to_have_text(first)
    expect(page.get_by_text("Step 1 of 3")).to_be_visible()
    expect(page.get_by_text("About 15 minutes")).to_be_visible()
    lesson = page.locator(".lesson")
    expect(lesson.get_by_role("heading", level=2)).to_have_text(f"About {first}")
    expect(lesson.get_by_role("heading", level=3)).to_have_text("Your turn")
    expect(
        lesson.get_by_role("complementary", name=f"Remember {first}")
    ).to_contain_text("People adopt what they helped to shape.")
    expect(lesson.locator("blockquote")).to_have_text(
        "Culture eats strategy for breakfast."
    )
    expect(lesson.get_by_role("complementary", name="Reflection")).to_contain_text(
        "Who in your office resists change, and why?"
    )
    expect(outline_current(page)).to_have_text(first)
    assert_accessible(page)

    # And "Next" moves on, with the outline following
    step_nav = page.get_by_role("navigation", name="Previous and next step")
    expect(step_nav.get_by_role("link", name="Previous")).to_have_count(0)
    step_nav.get_by_role("link", name=f"Next {second}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second)
    expect(page.get_by_text("Step 2 of 3")).to_be_visible()
    expect(outline_current(page)).to_have_text(second)
    expect(
        page.locator(".outline__step--current").get_by_text("You are here")
    ).to_be_visible()
    expect(step_nav.get_by_role("link", name=f"Previous {first}")).to_be_visible()
    assert_accessible(page)


def test_catalogue_course_and_module_fit_a_360_pixel_screen(
    live_server, mobile_page, courses
):
    enrol(UserFactory(email=VISITOR), courses["leading"], now=timezone.now())
    sign_in(mobile_page, live_server.url, VISITOR, TEST_PASSWORD)
    module = courses["leading"].get_children().first()
    for path in ("/en/", courses["leading"].url, module.url):
        # Given a phone-sized screen, when the page opens
        mobile_page.goto(live_server.url + path)
        expect(mobile_page.get_by_role("heading", level=1)).to_be_visible()

        # Then nothing is wider than the screen
        assert page_width(mobile_page) <= MOBILE["width"], path


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(
    live_server, page, courses
):
    # Given a module page, opened fresh by an enrolled learner
    enrol(UserFactory(email=VISITOR), courses["leading"], now=timezone.now())
    sign_in(page, live_server.url, VISITOR, TEST_PASSWORD)
    page.goto(live_server.url + courses["leading"].get_children().first().url)
    skip_link = page.get_by_role("link", name="Skip to main content")

    # When the visitor presses Tab once, the skip link is focused and shown
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    # And Enter moves focus to the main content
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main$"))
