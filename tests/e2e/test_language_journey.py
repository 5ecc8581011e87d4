"""A learner reads a course in English, switches to French with the header's
language switcher and finishes it there with one enrolment and one progress
record; the certificate comes in French once French is their preferred language.
Every learner page is accessible in English, French and Arabic (right to left).
Screenshots of the course page in each language go to /tmp/lang-screens/."""

import io
import re
import time
from pathlib import Path

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect
from pypdf import PdfReader
from wagtail.models import Locale

from learning.accounts.models import User
from learning.certificates import rendering
from learning.certificates.models import Certificate
from learning.progress.models import CourseCompletion, Enrolment, StepProgress
from learning.progress.services import enrol
from tests.e2e.conftest import axe_violations, sign_in
from tests.factories import TEST_PASSWORD, UserFactory, catalogue
from tests.i18n.translating import make_course_with_quiz, translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE = "Data governance"
LEARNER = "amina.diallo@undp.org"
SCREENS = Path("/tmp/lang-screens")


@pytest.fixture
def learner():
    return UserFactory(
        email=LEARNER,
        full_name="Amina Diallo",
        name_confirmed_at=timezone.now(),
        preferred_language="en",
    )


@pytest.fixture
def course():
    """Two modules and a quiz (one single-choice, one numeric question), with
    everything translated into French ("[fr] ...")."""
    course = make_course_with_quiz(COURSE, pass_mark=100)
    translate(catalogue(), course, *course.get_children())
    return course


def in_french(page):
    return page.get_translation(Locale.objects.get(language_code="fr"))


def url_in(page, language):
    """A page's URL for a reader of `language`: its French translation's, or the
    English page under the language's prefix (Arabic has no pages of its own)."""
    if language == "fr":
        return in_french(page).url
    return re.sub(r"^/en/", f"/{language}/", page.url)


def reload_until_visible(page, url, locator, seconds=15):
    """Open `url` again, as a learner would, until `locator` shows."""
    deadline = time.monotonic() + seconds
    page.goto(url)
    while not locator.is_visible() and time.monotonic() < deadline:
        page.reload()
    expect(locator).to_be_visible()


def test_a_learner_starts_in_english_switches_to_french_finishes_and_gets_a_french_certificate(  # noqa: E501
    live_server, page, learner, course, tmp_path
):
    first, second, quiz = course.get_children().specific()
    first_fr, second_fr, quiz_fr = (in_french(step) for step in (first, second, quiz))
    html = page.locator("html")

    # Given a learner who reads English, signed in, enrolled, with module 1 done
    sign_in(page, live_server.url, LEARNER, TEST_PASSWORD, next_path=course.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    page.get_by_role("button", name="Enrol in this course").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
    expect(html).to_have_attribute("lang", "en")

    # When they choose Français in the header, they stay on the same module
    switcher = page.get_by_role("navigation", name="Language")
    switcher.get_by_role("link", name="Français").click()
    expect(page).to_have_url(live_server.url + second_fr.url)
    expect(html).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(second_fr.title)
    outline = page.get_by_role("complementary", name="Plan du cours")
    expect(outline.locator(".outline__step").first).to_contain_text("Terminé")

    # And the French course page shows module 1 done and resumes at module 2
    page.get_by_role("navigation", name="Fil d’Ariane").get_by_role(
        "link", name=in_french(course).title
    ).click()
    expect(page).to_have_url(live_server.url + in_french(course).url)
    expect(page.locator(".outline__state").first).to_have_text("Terminé")
    resume = page.locator(".course-hero").get_by_role(
        "link", name=re.compile(re.escape(second_fr.title))
    )
    expect(resume).to_have_attribute("href", second_fr.url)

    # The switcher changes the language read, not the preference: they set it
    assert User.objects.get(pk=learner.pk).preferred_language == "en"
    page.get_by_role("banner").get_by_role("link", name="Profil").click()
    page.get_by_label("Langue préférée").select_option("fr")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".messages")).to_contain_text("Votre profil a été enregistré.")
    assert User.objects.get(pk=learner.pk).preferred_language == "fr"

    # When they finish module 2 and pass the quiz, in French
    page.goto(live_server.url + in_french(course).url)
    resume.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second_fr.title)
    page.get_by_role("button", name="Marquer comme terminé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz_fr.title)
    page.get_by_role("button", name="Commencer le questionnaire").click()
    expect(page.locator("main")).to_contain_text("[fr] Which one?")
    page.get_by_role("radio", name="[fr] Right").check()
    page.get_by_label("Votre réponse (un nombre)").fill("42")
    page.get_by_role("button", name="Soumettre les réponses").click()

    # Then the course is complete: one enrolment, every step counted once
    expect(page.get_by_role("heading", level=2, name="Réussi")).to_be_visible()
    completed = page.get_by_role("region", name="Cours terminé")
    expect(completed).to_be_visible()
    enrolment = Enrolment.objects.get(learner=learner)
    assert StepProgress.objects.filter(enrolment=enrolment).count() == 3
    assert CourseCompletion.objects.get(enrolment=enrolment).score == 100

    # And the certificate, on the dashboard once its PDF is rendered (the panel
    # may still say it is being prepared), is French: title, date and /Lang
    dashboard = page.get_by_role("region", name="Terminés")
    download = dashboard.get_by_role("link", name="Télécharger le certificat (PDF)")
    reload_until_visible(page, f"{live_server.url}/fr/my-learning/", download)
    certificate = Certificate.objects.get()
    assert certificate.language == "fr"
    with page.expect_download() as download_info:
        download.click()
    saved = tmp_path / "certificate.pdf"
    download_info.value.save_as(saved)
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    with translation.override("fr"):
        completed_on = rendering.format_date(certificate.completed_at)
    assert "CERTIFICAT DE RÉUSSITE" in text.upper()
    assert completed_on in text, (completed_on, text)
    assert "CERTIFICATE OF COMPLETION" not in text.upper()
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_pages_in_english_french_and_arabic_have_no_serious_accessibility_violation(
    live_server, page, learner, course
):
    # (One test for the three languages: the translated course is built once.)
    *_, quiz = course.get_children().specific()
    first = course.get_children().first().specific
    enrol(learner, course, now=timezone.now())
    sign_in(page, live_server.url, LEARNER, TEST_PASSWORD)
    expect(page.get_by_role("banner")).to_contain_text("Amina Diallo")

    found = {}
    for language in ("en", "fr", "ar"):
        paths = {
            "catalogue": f"/{language}/",
            "course": url_in(course, language),
            "module": url_in(first, language),
            "quiz": url_in(quiz, language),
            "dashboard": f"/{language}/my-learning/",
        }
        for name, path in paths.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, (path, response.status)
            html = page.locator("html")
            expect(html).to_have_attribute("lang", language)
            if language == "ar":
                expect(html).to_have_attribute("dir", "rtl")
            if name == "course":
                SCREENS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=SCREENS / f"course-{language}.png", full_page=True)
            violations = axe_violations(page)
            if violations:
                found[path] = [
                    f"{v['id']} ({v['impact']}): "
                    + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"])
                    for v in violations
                ]
    assert not found, found
