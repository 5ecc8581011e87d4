"""A learner takes a quiz by keyboard alone: fails, tries again, passes, reviews."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import Attempt, QuestionType
from learning.progress.services import enrol
from tests.assessments.factories import make_question, make_quiz
from tests.e2e.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, UserFactory, make_course, make_module

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press_tab_until(page, locator, limit=60):
    """Tab forward until the locator has focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {locator}")


def test_a_learner_fails_retries_passes_and_reviews_by_keyboard(live_server, page):
    learner = UserFactory(email="amina@undp.org")
    course = make_course("Joint procurement")
    make_module(course, title="Buying together")
    single = make_question(
        QuestionType.SINGLE_CHOICE,
        prompt="<p>Which agreement lets several agencies buy on the same terms?</p>",
        choices=[("A framework agreement", True), ("A memo", False)],
        general_feedback="Framework agreements are shared by design.",
    )
    numeric = make_question(
        QuestionType.NUMERIC,
        prompt="<p>Three agencies save 10 each. Total saving?</p>",
        numeric_answer=30,
    )
    quiz = make_quiz(
        course,
        questions=[single, numeric],
        title="Check your understanding",
        pass_mark=100,
        attempts_allowed=3,
        time_limit_minutes=20,
    )

    enrol(learner, course, now=timezone.now())

    # Log in by keyboard.
    page.goto(f"{live_server.url}/en/accounts/login/?next={quiz.url}")
    expect(page.get_by_label("Email address")).to_be_focused()  # autofocus
    page.keyboard.type("amina@undp.org")
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)
    assert_accessible(page)

    for attempt_number, (choice, total) in enumerate(
        [("A memo", "31"), ("A framework agreement", "30")], start=1
    ):
        start = page.get_by_role(
            "button", name="Start the quiz" if attempt_number == 1 else "Try again"
        )
        press_tab_until(page, start)
        page.keyboard.press("Enter")
        expect(page.get_by_text("Time left:")).to_be_visible()
        assert_accessible(page)

        # Radio group: Tab in, arrows to choose; then type the number.
        radios = page.get_by_role("radio")
        press_tab_until(page, radios.first)
        if choice != "A framework agreement":
            page.keyboard.press("ArrowDown")
        else:
            page.keyboard.press("Space")
        expect(page.get_by_role("radio", name=choice)).to_be_checked()
        number = page.get_by_label("Your answer (a number)")
        press_tab_until(page, number)
        page.keyboard.type(total)
        # Autosave keeps the answers before the learner submits.
        page.keyboard.press("Tab")
        expect(
            page.get_by_role("status").filter(has_text="Answers saved.")
        ).to_be_visible()
        press_tab_until(page, page.get_by_role("button", name="Submit answers"))
        page.keyboard.press("Enter")

        verdict = "Not passed yet" if attempt_number == 1 else "Passed"
        expect(page.get_by_role("heading", level=2, name=verdict)).to_be_visible()
        assert_accessible(page)
        back = page.get_by_role("link", name="Back to the quiz")
        press_tab_until(page, back)
        page.keyboard.press("Enter")
        # Back on the quiz page before anything else navigates.
        expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)

    attempts = list(Attempt.objects.filter(learner=learner).order_by("number"))
    assert [a.passed for a in attempts] == [False, True]
    page.goto(f"{live_server.url}/en/attempts/{attempts[1].pk}/")
    expect(
        page.get_by_text("Framework agreements are shared by design.")
    ).to_be_visible()
    expect(page.get_by_text("Correct answer").first).to_be_visible()
