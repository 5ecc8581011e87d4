"""A learner signs in, enrols, works through a course to completion and sees it on
the dashboard; a course can also complete modules once they are read to the end."""

import re

import pytest
from playwright.sync_api import expect

from assessments.models import QuestionType
from learning.progress.models import CourseCompletion, StepProgress
from tests.assessments.factories import make_question, make_quiz
from tests.e2e.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, UserFactory, lesson, make_course, make_module

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE = "Cloud services for country offices"
LEARNER = "amina.diallo@undp.org"


@pytest.fixture
def learner():
    return UserFactory(email=LEARNER, full_name="Amina Diallo")


@pytest.fixture
def course():
    course = make_course(
        COURSE,
        topics=["Cloud"],
        summary="Choose and run cloud services with your neighbours.",
        steps_in_order=True,
    )
    make_module(course, title="What the cloud changes")
    make_module(course, title="Sharing a tenancy")
    question = make_question(
        QuestionType.SINGLE_CHOICE,
        prompt="<p>Who pays for a shared tenancy?</p>",
        choices=[
            ("The agencies that use it, by agreed shares", True),
            ("No one", False),
        ],
    )
    make_quiz(
        course, questions=[question], title="Check your understanding", pass_mark=100
    )
    return course


def test_a_learner_enrols_reads_passes_completes_and_sees_it_on_the_dashboard(
    live_server, page, learner, course
):
    # Given a signed-out learner on the catalogue, when they sign in from the header
    page.goto(live_server.url + "/")
    page.get_by_role("banner").get_by_role("link", name="Log in").click()
    page.get_by_label("Email address").fill(LEARNER)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # And open the course and enrol, the first module opens
    page.locator(".course-grid").get_by_role("link", name=COURSE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    assert_accessible(page)
    page.get_by_role("button", name="Enrol in this course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What the cloud changes")
    expect(page.get_by_role("status").first).to_contain_text("You are enrolled")
    assert_accessible(page)

    # When they mark each module done, the next step opens and the outline follows
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sharing a tenancy")
    outline = page.get_by_role("complementary", name="Course outline")
    expect(outline.locator(".outline__step").first).to_contain_text("Done")
    page.get_by_role("button", name="Mark as done").click()

    # And pass the quiz
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your understanding"
    )
    page.get_by_role("button", name="Start the quiz").click()
    page.get_by_role("radio", name="The agencies that use it, by agreed shares").check()
    page.get_by_role("button", name="Submit answers").click()

    # Then the result says the course is complete, and what comes next
    expect(page.get_by_role("heading", level=2, name="Passed")).to_be_visible()
    completed = page.get_by_role("region", name="Course completed")
    expect(completed).to_contain_text("Your course score is 100%.")
    expect(completed.get_by_role("heading", name="What comes next")).to_be_visible()
    assert_accessible(page)

    # And the dashboard lists it among the completed courses, with date and score
    completed.get_by_role("link", name=re.compile("My learning")).click()
    expect(page).to_have_url(re.compile(r"/en/my-learning/$"))
    done = page.get_by_role("region", name="Completed")
    expect(done).to_contain_text(COURSE)
    expect(done).to_contain_text("100%")
    assert_accessible(page)

    # And the course page shows every step done
    done.get_by_role("link", name=COURSE).first.click()
    states = page.locator(".outline__state")
    expect(states).to_have_text(["Done", "Done", "Done"])
    expect(page.get_by_role("region", name="Course completed")).to_be_visible()
    completion = CourseCompletion.objects.get()
    assert completion.enrolment.learner == learner
    assert completion.score == 100


def test_a_module_completes_when_the_learner_reads_to_its_end(
    live_server, page, learner
):
    # Given a course whose modules complete when read to the end, with a long module
    course = make_course(COURSE, modules_complete_at_end=True)
    long = make_module(
        course,
        title="A long read",
        body=lesson(*[f"Paragraph {n} of a long lesson. " * 12 for n in range(40)]),
    )
    make_module(course, title="Next module")
    posted = []
    page.on("request", lambda request: posted.append(request.url))
    page.goto(f"{live_server.url}/en/accounts/login/?next={course.url}")
    page.get_by_label("Email address").fill(LEARNER)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Enrol in this course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A long read")

    # When the top of the module is read, it is not done yet: the page has looked
    # where the end of the lesson is (its first two frames) and sent nothing
    action = page.locator("form[data-complete-at-end]").get_attribute("action")
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )
    assert not [url for url in posted if url.endswith(action)]
    assert not StepProgress.objects.filter(completed_at__isnull=False).exists()

    # When the learner scrolls to the end, the module is done without a click
    page.get_by_role("button", name="Mark as done").scroll_into_view_if_needed()
    expect(
        page.get_by_role("status").filter(has_text="You have completed this module")
    ).to_be_visible()
    progress = StepProgress.objects.get(step_key=long.translation_key)
    assert progress.completed_at is not None
    assert_accessible(page)
