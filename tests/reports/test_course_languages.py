"""Reports show a course once, whatever language learners take it in, with a column
for the language each learner reads it in (issue 9)."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from learning.progress.models import Enrolment
from learning.progress.services import enrol
from learning.reports.summary import summarise_courses
from tests.factories import UserFactory, catalogue, make_course, make_module, publish

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/completion/"


@pytest.fixture(scope="module")
def course(module_db):
    """ "Data governance", one module, translated into French; built once for the
    module's tests, which read it and never change it."""
    course = make_course("Data governance")
    module = make_module(course, title="Why data governance")
    french = Locale.objects.get_or_create(language_code="fr")[0]
    publish(catalogue().copy_for_translation(french))
    course_fr = course.copy_for_translation(french)
    course_fr.title = "Gouvernance des données"
    publish(course_fr)
    module_fr = module.copy_for_translation(french)
    module_fr.title = "Pourquoi gouverner les données"
    publish(module_fr)
    course.english_module, course.french_module = module, module_fr
    return course


@pytest.fixture
def readers(client, course):
    """Ana reads the course in English, Louis in French: each enrolled, then
    reading the module in their language."""
    now = timezone.now()
    ana = UserFactory(email="ana@example.org", full_name="Ana Ruiz")
    louis = UserFactory(email="louis@example.org", full_name="Louis Martin")
    for learner, module in (
        (ana, course.english_module),
        (louis, course.french_module),
    ):
        enrol(learner, course, now=now)
        client.force_login(learner)
        assert client.get(module.url).status_code == 200
    return ana, louis


@pytest.fixture
def admin(client):
    user = UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_reading_a_page_records_its_language_and_rereading_writes_nothing(
    client, course
):
    learner = UserFactory()
    enrolment = enrol(learner, course, now=timezone.now())
    client.force_login(learner)

    client.get(course.french_module.url)
    assert Enrolment.objects.get(pk=enrolment.pk).language == "fr"
    with CaptureQueriesContext(connection) as queries:
        client.get(course.french_module.url)
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]
    client.get(course.url)  # the English overview
    assert Enrolment.objects.get(pk=enrolment.pk).language == "en"


def test_the_export_names_the_language_each_learner_reads_the_course_in(
    client, readers, admin
):
    response = client.get(f"{REPORT}?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))

    assert {(row["Email"], row["Course"], row["Language"]) for row in rows} == {
        ("ana@example.org", "Data governance", "English"),
        ("louis@example.org", "Data governance", "French"),
    }


def test_the_page_shows_the_language_and_offers_the_course_once(
    client, course, readers, admin
):
    response = client.get(REPORT)

    soup = BeautifulSoup(response.content, "html.parser")
    headings = [th.get_text(" ", strip=True) for th in soup.select("thead th")]
    assert "Language" in headings
    cells = {
        row.select("td")[0].get_text(" ", strip=True): [
            td.get_text(" ", strip=True) for td in row.select("td")
        ]
        for row in soup.select("tbody tr")
    }
    language = headings.index("Language")
    assert {name.split()[0]: row[language] for name, row in cells.items()} == {
        "Ana": "English",
        "Louis": "French",
    }
    options = [
        option.get_text(strip=True)
        for option in soup.select("select[name=course] option")
        if option.get("value")
    ]
    assert options == ["Data governance"]


def test_the_course_summary_counts_both_readers_in_one_course(readers, admin):
    [summary] = summarise_courses(admin, now=timezone.now())

    assert summary.title == "Data governance"
    assert summary.figures.enrolled == 2
