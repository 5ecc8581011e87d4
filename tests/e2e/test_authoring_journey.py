"""An author writes a module in the admin, an editor approves it, learners see it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from courses.authoring import AUTHORS, EDITORS
from courses.models import ModulePage
from learning.progress.services import enrol
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import TEST_PASSWORD, UserFactory, make_course, make_module

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE = "Leading digital change"
MODULE = "Working with vendors"


@pytest.fixture
def course():
    course = make_course(COURSE, topics=["Procurement"])
    make_module(course, title="Why change is hard", estimated_minutes=15)
    return course


def log_in_to_admin(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/admin/")


def insert_block(lesson, label):
    """Append a block to the StreamField through its "Insert a block" chooser."""
    # The last "Insert a block" button of the field adds after every other block.
    lesson.get_by_role("button", name="Insert a block").last.click()
    lesson.page.get_by_role("option", name=label, exact=True).click()
    return lesson.get_by_role("region").last


def rich_text_editor(block):
    return block.locator("[contenteditable=true][role=textbox]")


def expect_rich_text_kept(block, text):
    # Draftail copies its content to the form's hidden input after a short debounce;
    # submitting before that would lose what was typed.
    expect(
        block.locator("input[type=hidden]:has(+ .Draftail-Editor__wrapper)")
    ).to_have_value(re.compile(text))


def write_module(page):
    page.get_by_role("textbox", name="Title").fill(MODULE)
    page.get_by_role("textbox", name="Summary").fill(
        "How to choose ICT vendors and keep them accountable."
    )
    page.get_by_role("spinbutton", name="Estimated time (minutes)").fill("35")
    lesson = page.get_by_role("region", name="Lesson")

    heading = insert_block(lesson, "Heading")
    heading.get_by_role("textbox", name="Heading").fill("Choosing a vendor")

    text = insert_block(lesson, "Text")
    editor = rich_text_editor(text)
    editor.click()
    editor.press_sequentially("Compare ")
    editor.press("Control+b")
    editor.press_sequentially("three offers")
    editor.press("Control+b")
    editor.press_sequentially(" at least.")
    expect_rich_text_kept(text, "at least")

    callout = insert_block(lesson, "Key takeaway / callout")
    callout.get_by_role("combobox", name="Kind").select_option(label="Warning")
    callout.get_by_role("textbox", name="Title").fill("Exit before you enter")
    rich_text_editor(callout).click()
    rich_text_editor(callout).press_sequentially("Agree how the contract ends first.")
    expect_rich_text_kept(callout, "ends first")


def test_a_module_written_by_an_author_goes_live_once_an_editor_approves_it(
    live_server, new_page, course, settings
):
    # Wagtail's autosave would create the page while the author types; a submit that
    # crosses an autosave in flight is posted to the "add" view again and fails on the
    # slug. The journey is about moderation, so it runs with autosave off.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    author = UserFactory(groups=[AUTHORS])
    editor = UserFactory(groups=[EDITORS])

    # Given an author in the admin's page explorer, at the course
    page = new_page()
    log_in_to_admin(page, live_server, author)
    page.goto(live_server.url + "/admin/pages/")
    # Authors' pages start at the root, above every language's catalogue.
    page.get_by_role("link", name="Explore child pages of 'Courses'").first.click()
    page.get_by_role("link", name=f"Explore child pages of '{COURSE}'").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Exploring: {COURSE}")

    # When they add a module with a heading, rich text and a callout
    page.get_by_role("link", name="Add child page").click()
    # A course takes modules and quizzes: the author picks the kind of step.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Create a page in")
    page.get_by_role("link", name=re.compile(r"^Module\b")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New: Module")
    write_module(page)

    # And submit it for review from the footer's action menu
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Submit to Course review").click()

    # Then it waits in moderation, not on the site
    expect(page.get_by_role("status")).to_contain_text(
        f"Page '{MODULE}' created and submitted for moderation."
    )
    row = page.get_by_role("row", name=re.compile(MODULE))
    expect(row).to_contain_text("in moderation")
    module = ModulePage.objects.get(title=MODULE)
    assert not module.live
    assert module.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # (as a learner enrolled in the course sees it)
    learner = UserFactory(email="amina.diallo@undp.org")
    enrol(learner, course, now=timezone.now())
    visitor = new_page()
    sign_in(visitor, live_server.url, learner.email, TEST_PASSWORD)
    visitor.goto(live_server.url + course.url)
    expect(visitor.get_by_role("region", name="Course outline")).not_to_contain_text(
        MODULE
    )

    # When an editor finds it awaiting their review and approves it
    page = new_page()
    log_in_to_admin(page, live_server, editor)
    review = page.get_by_role("region", name="Awaiting your review")
    review.get_by_role("link", name=MODULE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Editing Module: {MODULE}"
    )
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Approve and Publish").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Page '{MODULE}' has been updated."
    )
    expect(page.get_by_role("row", name=re.compile(MODULE))).to_contain_text("live")
    module.refresh_from_db()
    assert module.live
    assert module.workflow_states.get().status == WorkflowState.STATUS_APPROVED

    # Then learners see it in the course's outline, after the existing module
    visitor.goto(live_server.url + course.url)
    outline = visitor.get_by_role("region", name="Course outline")
    expect(outline.get_by_role("link")).to_have_text(["Why change is hard", MODULE])
    expect(outline.get_by_role("listitem").last).to_contain_text("35 minutes")
    expect(visitor.get_by_text("2 steps")).to_be_visible()

    # And the module shows what the author wrote
    outline.get_by_role("link", name=MODULE).click()
    expect(visitor).to_have_url(
        live_server.url + "/en/leading-digital-change/working-with-vendors/"
    )
    expect(visitor.get_by_role("heading", level=1)).to_have_text(MODULE)
    expect(visitor.get_by_text("Step 2 of 2")).to_be_visible()
    expect(visitor.get_by_text("About 35 minutes")).to_be_visible()
    lesson = visitor.locator(".lesson")
    expect(lesson.get_by_role("heading", level=2)).to_have_text("Choosing a vendor")
    expect(lesson.locator("p").first).to_have_text("Compare three offers at least.")
    expect(lesson.locator("b, strong")).to_have_text("three offers")
    callout = lesson.get_by_role("complementary", name="Exit before you enter")
    expect(callout).to_contain_text("Watch out")
    expect(callout).to_contain_text("Agree how the contract ends first.")
    assert_accessible(visitor)
