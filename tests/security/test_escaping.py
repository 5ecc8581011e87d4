"""Hostile text stays text (issue 8): an author's rich text is sanitised and never
evaluated as a template; a learner's name and organisation are escaped wherever
they are shown (their own pages, the admin's listings, the report's exports and
email), and spreadsheets do not run them as formulas.

Pages are parsed with BeautifulSoup: what is checked is that no element or
attribute was injected, and that the text is still shown, literally."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.services import start_attempt
from learning.accounts.models import Organisation
from learning.accounts.roles import appoint_focal_point
from learning.progress.models import CourseCompletion
from learning.progress.services import enrol
from learning.reports.exports import FORMULA_TRIGGERS
from learning.reports.subscriptions import (
    report_figures,
    report_params,
    subscribe,
    weekly_report_message,
)
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.factories import make_certificate
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://x")'
NAME = f"{FORMULA}{SCRIPT}{BREAKOUT}"
ACRONYM = '=1+1"><svg onload=alert(1)>'
ORGANISATION = f"{FORMULA}{SCRIPT}{BREAKOUT}"

# What an author might paste, or an import might carry, into rich text.
TEMPLATE_SYNTAX = "{{ 7|add:7 }} {% now 'Y' %}"
AUTHOR_HTML = (
    f'<p>Read this {SCRIPT}<img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)" onclick="alert(4)">a link</a> '
    f"{TEMPLATE_SYNTAX}</p>"
)


def injected(html, *, any_handler=True):
    """What hostile text added to a page: script elements that run an alert, on*
    attributes (any of them where the page allows none, else those that alert),
    javascript: links and the img and svg elements of the payloads."""
    soup = BeautifulSoup(html, "html.parser")
    found = [
        f"<script>{script.string}"
        for script in soup.find_all("script")
        if "alert(" in (script.string or "")
    ]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on") and (
                any_handler or "alert(" in str(value)
            ):
                found.append(f"<{element.name} {name}>")
            if name.lower() in ("href", "src") and str(
                value
            ).strip().lower().startswith("javascript:"):
                found.append(f"<{element.name} {name}={value}>")
    found += [f"<img src={img.get('src')}>" for img in soup.find_all("img", src="x")]
    found += ["<svg>" for _ in soup.find_all("svg", onload=True)]
    return found


def text_of(html):
    return BeautifulSoup(html, "html.parser").get_text()


@pytest.fixture(scope="module")
def hostile(django_db_setup, django_db_blocker):
    """A learner of an organisation, both named with hostile text, who enrolled,
    attempted the quiz and completed the course with a certificate; an author's
    lesson and course introduction with hostile rich text; a focal point of that
    organisation, also hostile, subscribed to its weekly report."""
    with django_db_blocker.unblock(), transaction.atomic():
        now = timezone.now()
        world = type("Hostile", (), {})()
        world.organisation = Organisation.objects.create(
            acronym=ACRONYM, name=ORGANISATION
        )
        world.learner = UserFactory(
            full_name=NAME,
            first_name=f"{FORMULA}{SCRIPT}",
            last_name=BREAKOUT,
            organisation=world.organisation,
            name_confirmed_at=now,
        )
        world.admin = UserFactory(is_superuser=True, is_staff=True)
        world.focal = UserFactory(full_name=NAME)
        appoint_focal_point(world.focal, [world.organisation])
        world.subscription, _ = subscribe(
            world.focal, organisation=world.organisation, now=now
        )

        world.course = make_course(
            "Data governance", intro=AUTHOR_HTML, estimated_hours=Decimal("2")
        )
        world.module = make_module(
            world.course,
            body=[
                {"type": "paragraph", "value": AUTHOR_HTML},
                {
                    "type": "callout",
                    "value": {"kind": "info", "title": "Note", "body": AUTHOR_HTML},
                },
                {
                    "type": "case_study",
                    "value": {"title": "A case", "body": AUTHOR_HTML},
                },
            ],
        )
        world.quiz = make_quiz(world.course, questions=[make_question()])
        enrolment = enrol(world.learner, world.course, now=now)
        start_attempt(world.quiz, world.learner, now=now)
        completion = CourseCompletion.objects.create(
            enrolment=enrolment,
            cycle=enrolment.cycle,
            completed_at=now,
            score=Decimal("90"),
            hours=Decimal("2"),
        )
        world.certificate = make_certificate(completion, now=now)
        yield world
        transaction.set_rollback(True)


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


# Authors' rich text -------------------------------------------------------------


def assert_inert_rich_text(html, *, times=1):
    assert not injected(html), injected(html)
    # Shown as typed, not run as a template.
    assert text_of(html).count(TEMPLATE_SYNTAX) == times
    assert text_of(html).count("Read this") == times


def test_a_lessons_rich_text_is_sanitised_and_not_evaluated(hostile):
    """A paragraph, a callout and a case study."""
    response = as_user(hostile.learner).get(hostile.module.url)

    assert response.status_code == 200
    assert_inert_rich_text(response.content.decode(), times=3)


def test_a_course_introduction_is_sanitised_and_not_evaluated(hostile):
    response = Client().get(hostile.course.url)

    assert response.status_code == 200
    assert_inert_rich_text(response.content.decode())


# A learner's name and organisation on the learner's own pages ---------------------


def assert_escaped(html, *, any_handler=True):
    assert not injected(html, any_handler=any_handler), injected(
        html, any_handler=any_handler
    )
    assert SCRIPT in text_of(html), "the name is not shown, literally"


@pytest.mark.parametrize("url", ["/en/my-learning/", "/en/certificates/transcript/"])
def test_the_learners_pages_show_their_name_as_text(hostile, url):
    response = as_user(hostile.learner).get(url)

    assert response.status_code == 200
    assert_escaped(response.content.decode())


def test_the_profile_shows_name_and_organisation_as_text(hostile):
    response = as_user(hostile.learner).get("/en/accounts/profile/")

    html = response.content.decode()
    assert not injected(html), injected(html)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("input", attrs={"name": "full_name"})["value"] == NAME
    organisation = soup.find("p", attrs={"aria-labelledby": "organisation-label"})
    assert organisation.get_text() == f"{ACRONYM} · {ORGANISATION}"


def test_the_certificate_verification_page_shows_the_name_as_text(hostile):
    response = Client().get(f"/en/certificates/verify/{hostile.certificate.code}/")

    assert response.status_code == 200
    assert_escaped(response.content.decode())


# ... in the admin's listings --------------------------------------------------------

ADMIN_LISTINGS = [
    "enrolments:index",
    "learning_reports:completion",
    "certificates_admin:index",
    "quiz_attempts:index",
    "wagtailusers_users:index",
]


@pytest.mark.parametrize("url_name", ADMIN_LISTINGS)
def test_admin_listings_show_the_name_as_text(hostile, url_name):
    response = as_user(hostile.admin).get(reverse(url_name))

    assert response.status_code == 200
    # Wagtail's admin has handlers of its own: only injected ones count.
    assert_escaped(response.content.decode(), any_handler=False)


# ... in the report's exports ----------------------------------------------------------


def hostile_cells(rows):
    return [cell for row in rows for cell in row if "alert(1)" in str(cell or "")]


def test_the_csv_export_neutralises_formulas(hostile):
    response = as_user(hostile.admin).get(
        reverse("learning_reports:completion"), {"export": "csv"}
    )

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = hostile_cells(csv.reader(io.StringIO(content)))
    assert "'" + NAME in cells, cells
    assert any(ACRONYM in cell for cell in cells), cells
    for cell in cells:
        assert cell.startswith("'"), cell
        assert not cell.startswith(FORMULA_TRIGGERS), cell


def test_the_xlsx_export_neutralises_formulas(hostile):
    response = as_user(hostile.admin).get(
        reverse("learning_reports:completion"), {"export": "xlsx"}
    )

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    cells = [
        cell
        for row in sheet.iter_rows()
        for cell in row
        if "alert(1)" in str(cell.value)
    ]
    assert "'" + NAME in [cell.value for cell in cells]
    for cell in cells:
        assert cell.data_type == "s", (cell.coordinate, cell.data_type)
        assert not cell.value.startswith(FORMULA_TRIGGERS), cell.value


# ... and in email ---------------------------------------------------------------------


def test_the_weekly_reports_html_escapes_the_names(hostile):
    now = timezone.now()
    params = report_params(hostile.subscription)
    message = weekly_report_message(
        hostile.subscription,
        params,
        report_figures(hostile.focal, params, now=now),
        now=now,
    )

    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    assert_escaped(html)
    assert ACRONYM in text_of(html) or ORGANISATION in text_of(html)
