"""Course summaries in the admin: figures per course and per organisation (counted
by the database, hand-checked here), scoped to the viewer's organisations,
charts with their table alternative, and CSV/XLSX exports in the audit log. (The
query counts that do not grow with the enrolments: test_summary_queries.py.)"""

import csv
import io
from collections import Counter
from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Locale, ModelLogEntry

from assessments.models import Attempt, AttemptStatus
from courses.authoring import AUTHORS
from learning.accounts.models import Organisation
from learning.accounts.roles import appoint_focal_point
from learning.progress.models import (
    CourseCompletion,
    EnrolmentStatus,
    StepProgress,
)
from learning.progress.services import enrol
from learning.reports.completion import RowStatus, completion_rows
from learning.reports.models import ExportStatus, ReportExport, ReportKind
from learning.reports.summary import summarise_course, summarise_courses
from tests.assessments.factories import make_quiz
from tests.factories import (
    UserFactory,
    catalogue,
    fresh,
    make_course,
    make_module,
    publish,
)

pytestmark = pytest.mark.django_db

INDEX = "/admin/reports/courses/"
NOW = timezone.now()


def days_ago(days):
    return NOW - timedelta(days=days)


# The data: figures worked out by hand in `expected` below


def make_organisations():
    """UNDP with UNCDF below it, and WFP."""
    undp = Organisation.objects.create(acronym="UNDP", name="Development Programme")
    return {
        "UNDP": undp,
        "UNCDF": Organisation.objects.create(
            acronym="UNCDF", name="Capital Development Fund", parent=undp
        ),
        "WFP": Organisation.objects.create(acronym="WFP", name="World Food Programme"),
    }


@pytest.fixture(scope="module")
def orgs(module_db):
    return make_organisations()


def learner(name, organisation):
    first, last = name.split()
    return UserFactory(
        first_name=first,
        last_name=last,
        full_name=name,
        email=f"{first.lower()}@example.org",
        organisation=organisation,
    )


def enrolment(person, course, *, enrolled, due=None, status=EnrolmentStatus.ACTIVE):
    record = enrol(person, course, now=days_ago(enrolled))
    record.due_at = due
    record.status = status
    record.save(update_fields=["due_at", "status"])
    return record


def visit(record, step, *, days, done=False, cycle=1):
    StepProgress.objects.create(
        enrolment=record,
        step_key=step.translation_key,
        cycle=cycle,
        started_at=days_ago(days),
        last_visited_at=days_ago(days),
        completed_at=days_ago(days) if done else None,
    )


def complete(record, *, days, cycle=1):
    CourseCompletion.objects.create(
        enrolment=record, cycle=cycle, completed_at=days_ago(days), hours=1
    )


def attempt(person, quiz, number, *, score, passed, days=60, status=None):
    Attempt.objects.create(
        learner=person,
        quiz=quiz,
        number=number,
        status=status or AttemptStatus.SUBMITTED,
        started_at=days_ago(days),
        finished_at=None if status == AttemptStatus.OPEN else days_ago(days),
        questions=[],
        score=score,
        passed=passed,
    )


@pytest.fixture(scope="module")
def world(orgs):
    """Two courses with enrolments in UNDP, UNCDF (under UNDP), WFP and none,
    and a third course nobody took; built once for the module's tests."""
    procurement = make_course("Joint procurement", topics=["procurement"])
    module = make_module(procurement, title="Tendering together")
    quiz = make_quiz(procurement, title="Procurement check")
    change = make_course("Change management", topics=["leadership"])
    change_module = make_module(change, title="Leading change")
    make_course("Data governance")

    people = {
        key: learner(name, organisation)
        for key, name, organisation in [
            ("a1", "Amina Diallo", orgs["UNDP"]),
            ("a2", "Bruno Costa", orgs["UNDP"]),
            ("a3", "Chen Wei", orgs["UNCDF"]),
            ("a4", "Dana Novak", orgs["UNCDF"]),
            ("a5", "Emeka Obi", orgs["WFP"]),
            ("a6", "Fatima Zahra", orgs["WFP"]),
            ("a7", "Goran Ilic", None),
            ("b1", "Hana Sato", orgs["WFP"]),
            ("b2", "Ivan Petrov", orgs["UNDP"]),
            ("b3", "Julia Rossi", orgs["UNDP"]),
        ]
    }
    # Joint procurement
    a1 = enrolment(people["a1"], procurement, enrolled=10)  # completed in 4 days
    visit(a1, module, days=6, done=True)
    complete(a1, days=6)
    a2 = enrolment(people["a2"], procurement, enrolled=50)  # completed in 10 days
    visit(a2, module, days=40, done=True)
    complete(a2, days=40)
    a3 = enrolment(people["a3"], procurement, enrolled=60)  # in progress, idle
    visit(a3, module, days=45)
    enrolment(people["a4"], procurement, enrolled=70, due=days_ago(1))  # overdue
    enrolment(people["a5"], procurement, enrolled=2)  # not started
    a6 = enrolment(  # withdrawn, though seen yesterday
        people["a6"], procurement, enrolled=20, status=EnrolmentStatus.WITHDRAWN
    )
    visit(a6, module, days=1)
    a7 = enrolment(people["a7"], procurement, enrolled=36.5)  # 1.5 days
    visit(a7, module, days=35, done=True)
    complete(a7, days=35)
    attempt(people["a1"], quiz, 1, score=50, passed=False)
    attempt(people["a1"], quiz, 2, score=90, passed=True)
    attempt(people["a2"], quiz, 1, score=80, passed=True)
    # a4's only sign of life: a quiz attempt three days ago (active, still overdue)
    attempt(people["a4"], quiz, 1, score=40, passed=False, days=3)
    attempt(people["a4"], quiz, 2, score=None, passed=None, days=1, status="open")
    attempt(people["a3"], quiz, 1, score=100, passed=True, status="voided")
    attempt(people["a6"], quiz, 1, score=100, passed=True)
    # Someone at WFP who never enrolled in this course: not counted.
    attempt(people["b1"], quiz, 1, score=100, passed=True)

    # Change management
    b1 = enrolment(people["b1"], change, enrolled=12)  # completed in 2 days
    visit(b1, change_module, days=10, done=True)
    complete(b1, days=10)
    enrolment(people["b2"], change, enrolled=1)  # not started
    # b3 completed a first cycle (in 10 days) and is re-certifying: in progress.
    b3 = enrolment(people["b3"], change, enrolled=100)
    visit(b3, change_module, days=90, done=True)
    complete(b3, days=90)
    b3.cycle, b3.cycle_started_at = 2, days_ago(5)
    b3.save(update_fields=["cycle", "cycle_started_at"])
    visit(b3, change_module, days=5, cycle=2)

    return {"procurement": procurement, "change": change, "quiz": quiz, **people}


def make_focal_point(orgs):
    user = UserFactory(organisation=orgs["UNDP"], full_name="Grace Mensah")
    appoint_focal_point(user, [orgs["UNDP"]])
    return user


@pytest.fixture
def focal(orgs):
    return make_focal_point(orgs)


@pytest.fixture
def admin_user():
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def author():
    return UserFactory(groups=[AUTHORS])


def counts(figures):
    return {
        "enrolled": figures.enrolled,
        "active": figures.active,
        "not_started": figures.not_started,
        "in_progress": figures.in_progress,
        "overdue": figures.overdue,
        "completed": figures.completed,
        "withdrawn": figures.withdrawn,
        "rate": figures.completion_rate,
        "median": figures.median_days,
    }


def figures(enrolled, active, not_started, in_progress, overdue, completed, withdrawn,
            rate, median):  # fmt: skip
    return {
        "enrolled": enrolled,
        "active": active,
        "not_started": not_started,
        "in_progress": in_progress,
        "overdue": overdue,
        "completed": completed,
        "withdrawn": withdrawn,
        "rate": None if rate is None else Decimal(rate),
        "median": None if median is None else Decimal(median),
    }


# The figures


def test_every_course_has_its_figures(world, admin_user):
    courses = summarise_courses(admin_user, now=NOW)

    by_title = {course.title: counts(course.figures) for course in courses}
    assert list(by_title) == [
        "Change management",
        "Data governance",
        "Joint procurement",
    ]
    # Withdrawn a6 is out of Enrolled; a1 is active by a visit, a4 by an attempt.
    assert by_title["Joint procurement"] == figures(6, 2, 1, 1, 1, 3, 1, "50.0", "4.0")
    # b3's first-cycle completion does not count: in progress in cycle 2.
    assert by_title["Change management"] == figures(3, 2, 1, 1, 0, 1, 0, "33.3", "2.0")
    assert by_title["Data governance"] == figures(0, 0, 0, 0, 0, 0, 0, None, None)


def test_a_course_by_organisation_and_its_quiz(world, admin_user):
    summary = summarise_course(admin_user, world["procurement"], now=NOW)

    assert counts(summary.course.figures) == figures(6, 2, 1, 1, 1, 3, 1, "50.0", "4.0")
    by_organisation = {
        organisation.label: counts(org_figures)
        for organisation, org_figures in summary.by_organisation
    }
    assert by_organisation == {
        "UNCDF – Capital Development Fund": figures(2, 1, 0, 1, 1, 0, 0, "0.0", None),
        "UNDP – Development Programme": figures(2, 1, 0, 0, 0, 2, 0, "100.0", "7.0"),
        "WFP – World Food Programme": figures(1, 0, 1, 0, 0, 0, 1, "0.0", None),
        "No organisation": figures(1, 0, 0, 0, 0, 1, 0, "100.0", "1.5"),
    }
    [quiz] = summary.quizzes
    assert quiz.title == "Procurement check"
    # Finished: a1 50 and 90, a2 80, a4 40, a6 100 (open, voided and b1's left out).
    assert (quiz.figures.attempts, quiz.figures.learners, quiz.figures.passed) == (
        5,
        4,
        3,
    )
    assert quiz.figures.average_score == Decimal("72.0")
    assert quiz.figures.pass_rate == Decimal("75.0")
    by_organisation = {
        organisation.acronym: (
            f.attempts,
            f.learners,
            f.passed,
            f.average_score,
            f.pass_rate,
        )
        for organisation, f in quiz.by_organisation.items()
    }
    assert by_organisation == {
        "UNCDF": (1, 1, 0, Decimal("40.0"), Decimal("0.0")),
        "UNDP": (3, 2, 2, Decimal("73.3"), Decimal("100.0")),
        "WFP": (1, 1, 1, Decimal("100.0"), Decimal("100.0")),
    }


def test_the_statuses_agree_with_the_completion_reports(world, admin_user, focal):
    for user in (admin_user, focal):
        rows = completion_rows(user, now=NOW).values_list("course_key", "row_status")
        by_report = Counter(rows)
        for course in summarise_courses(user, now=NOW):
            for status in RowStatus.values:
                assert (
                    getattr(course.figures, status) == by_report[(course.key, status)]
                ), (course.title, status)


def test_translations_count_as_one_course_and_one_quiz(world, admin_user, orgs):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    publish(catalogue().copy_for_translation(french))
    course_fr = publish(world["procurement"].copy_for_translation(french))
    quiz_fr = publish(world["quiz"].copy_for_translation(french))
    course_fr.title = "Achats conjoints"
    course_fr.save_revision().publish()
    reader = learner("Louise Martin", orgs["UNDP"])
    enrolment(reader, course_fr, enrolled=3)
    attempt(reader, quiz_fr, 1, score=70, passed=True)

    courses = summarise_courses(admin_user, now=NOW)

    titles = [course.title for course in courses]
    assert titles == ["Change management", "Data governance", "Joint procurement"]
    assert courses[2].pk == world["procurement"].pk
    assert courses[2].figures.enrolled == 7
    summary = summarise_course(admin_user, world["procurement"], now=NOW)
    [quiz] = summary.quizzes
    assert quiz.title == "Procurement check"
    assert (quiz.figures.attempts, quiz.figures.learners, quiz.figures.passed) == (
        6,
        5,
        4,
    )


def test_a_focal_point_counts_only_their_organisations(world, focal):
    courses = {c.title: c for c in summarise_courses(focal, now=NOW)}

    # UNDP and UNCDF below it: a1, a2, a3, a4; b2, b3.
    assert counts(courses["Joint procurement"].figures) == figures(
        4, 2, 0, 1, 1, 2, 0, "50.0", "7.0"
    )
    assert counts(courses["Change management"].figures) == figures(
        2, 1, 1, 1, 0, 0, 0, "0.0", None
    )
    summary = summarise_course(focal, world["procurement"], now=NOW)
    assert [org.acronym for org, _ in summary.by_organisation] == ["UNCDF", "UNDP"]
    [quiz] = summary.quizzes
    assert (quiz.figures.attempts, quiz.figures.learners, quiz.figures.passed) == (
        4,
        3,
        2,
    )
    assert quiz.figures.average_score == Decimal("65.0")
    assert list(quiz.by_organisation) and all(
        org.acronym in ("UNDP", "UNCDF") for org in quiz.by_organisation
    )


# The pages


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def table_rows(table):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in table.select("tbody tr")
    ]


def course_url(course):
    return f"{INDEX}{course.pk}/"


def test_the_list_shows_each_course_with_a_chart_and_its_table(client, world, author):
    client.force_login(author)

    response = client.get(INDEX)

    assert response.status_code == 200
    soup = page(response)
    svg = soup.select_one("figure svg[role=img]")
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title", id=title_id).get_text() == (
        "Enrolments by status, for each course"
    )
    assert "3 courses" in svg.find("desc", id=desc_id).get_text()
    # The chart writes its numbers; the table after it gives every figure.
    bar_texts = [text.get_text() for text in svg.select("text")]
    assert "6 enrolled" in bar_texts and "3 enrolled" in bar_texts
    table = svg.find_parent("figure").find_next("table", class_="listing")
    assert table_rows(table) == [
        ["Change management", "3", "2", "1", "1", "0", "1", "0", "33.3%", "2.0"],
        ["Data governance", "0", "0", "0", "0", "0", "0", "0", "–", "–"],
        ["Joint procurement", "6", "2", "1", "1", "1", "3", "1", "50.0%", "4.0"],
    ]
    link = table.find("a", string="Joint procurement")
    assert link["href"] == course_url(world["procurement"])


def test_the_course_page_has_organisations_quizzes_and_charts(client, world, author):
    client.force_login(author)

    response = client.get(course_url(world["procurement"]))

    assert response.status_code == 200
    soup = page(response)
    charts = soup.select("figure svg[role=img]")
    assert [svg.title.get_text() for svg in charts] == [
        "Enrolments in Joint procurement by status",
        "Completion rate by organisation",
    ]
    for svg in charts:
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id) and svg.find("desc", id=desc_id)
        assert svg.find_parent("figure").find_next("table", class_="listing")
    rates = [text.get_text() for text in charts[1].select("text")]
    assert "100.0% (2 of 2)" in rates and "0.0% (0 of 1)" in rates
    organisations = soup.find(id="organisations-heading").find_next("table")
    assert table_rows(organisations) == [
        ["UNCDF – Capital Development Fund"]
        + ["2", "1", "0", "1", "1", "0", "0", "0.0%", "–"],
        ["UNDP – Development Programme"]
        + ["2", "1", "0", "0", "0", "2", "0", "100.0%", "7.0"],
        ["WFP – World Food Programme"]
        + ["1", "0", "1", "0", "0", "0", "1", "0.0%", "–"],
        ["No organisation", "1", "0", "0", "0", "0", "1", "0", "100.0%", "1.5"],
    ]
    quizzes = soup.find(id="quizzes-heading").find_next("table")
    assert table_rows(quizzes) == [
        ["Procurement check", "5", "4", "3", "72.0%", "75.0%"]
    ]
    by_organisation = quizzes.find_next("details").find("table")
    assert table_rows(by_organisation) == [
        ["UNCDF – Capital Development Fund", "1", "1", "0", "40.0%", "0.0%"],
        ["UNDP – Development Programme", "3", "2", "2", "73.3%", "100.0%"],
        ["WFP – World Food Programme", "1", "1", "1", "100.0%", "100.0%"],
    ]


def test_no_summary_page_names_a_learner(client, world, author):
    client.force_login(author)
    people = [world[key] for key in ("a1", "a2", "a3", "a4", "a5", "a6", "a7")]

    for url in (INDEX, course_url(world["procurement"]), course_url(world["change"])):
        text = client.get(url).text
        for person in people:
            assert person.full_name not in text
            assert person.email not in text
            assert person.last_name not in text


def test_an_author_sees_summaries_but_not_the_completion_report(client, world, author):
    client.force_login(author)

    assert client.get(INDEX).status_code == 200
    response = client.get("/admin/reports/completion/")
    assert response.status_code == 302
    assert response.url == "/admin/"
    # Nor the link to it from a course's summary.
    assert (
        "/admin/reports/completion/"
        not in client.get(course_url(world["procurement"])).text
    )


def test_a_focal_point_sees_only_their_organisations(client, world, focal):
    client.force_login(focal)

    listing = page(client.get(INDEX)).select_one("table.listing")
    assert table_rows(listing)[2] == [
        "Joint procurement", "4", "2", "0", "1", "1", "2", "0", "50.0%", "7.0"
    ]  # fmt: skip
    course = page(client.get(course_url(world["procurement"])))
    organisations = course.find(id="organisations-heading").find_next("table")
    assert [row[0] for row in table_rows(organisations)] == [
        "UNCDF – Capital Development Fund",
        "UNDP – Development Programme",
    ]
    assert "WFP" not in course.get_text() and "No organisation" not in course.text


def test_a_focal_point_may_narrow_to_an_organisation_below_theirs(
    client, world, focal, orgs
):
    client.force_login(focal)

    response = client.get(INDEX, {"organisation": orgs["UNCDF"].pk})

    assert response.status_code == 200
    rows = table_rows(page(response).select_one("table.listing"))
    assert rows[2] == [
        "Joint procurement", "2", "1", "0", "1", "1", "0", "0", "0.0%", "–"
    ]  # fmt: skip


@pytest.mark.parametrize("export", [None, "csv", "xlsx"])
def test_another_organisation_is_refused_not_widened(
    client, world, focal, orgs, export
):
    client.force_login(focal)
    params = {"organisation": orgs["WFP"].pk}
    if export:
        params["export"] = export

    for url in (INDEX, course_url(world["procurement"])):
        response = client.get(url, params)

        assert response.status_code == 400
        assert "not one you may report on" in response.text
        assert not page(response).select("table.listing, figure svg")
    assert "Joint procurement" not in client.get(INDEX, params).text
    assert not ReportExport.objects.exists()


def test_a_topic_narrows_the_list(client, world, admin_user):
    from taggit.models import Tag

    client.force_login(admin_user)

    response = client.get(INDEX, {"topic": Tag.objects.get(name="leadership").pk})

    rows = table_rows(page(response).select_one("table.listing"))
    assert [row[0] for row in rows] == ["Change management"]


def test_a_course_in_another_locale_or_not_a_course_is_a_404(client, world, admin_user):
    client.force_login(admin_user)

    assert client.get(f"{INDEX}{world['quiz'].pk}/").status_code == 404
    french = Locale.objects.get_or_create(language_code="fr")[0]
    publish(catalogue().copy_for_translation(french))
    course_fr = publish(world["procurement"].copy_for_translation(french))
    assert client.get(f"{INDEX}{course_fr.pk}/").status_code == 404
    assert client.get(f"{INDEX}999999/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for url in (INDEX, course_url(world["procurement"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_admin_access_without_the_permission_is_denied(client, world):
    group, _ = Group.objects.get_or_create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(UserFactory(groups=["Admin access only"]))

    for url in (
        INDEX,
        course_url(world["procurement"]),
        INDEX + "?export=csv",
        course_url(world["procurement"]) + "?export=xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == "/admin/"
    assert not ReportExport.objects.exists()
    home = client.get("/admin/")
    assert "/admin/reports/courses/" not in home.text


def test_the_reports_menu_offers_the_summaries_to_those_who_may_see_them(
    client, world, author
):
    client.force_login(author)

    assert "/admin/reports/courses/" in client.get("/admin/").text


# Exports


def csv_rows(response):
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_list_exports_as_csv_with_an_audit_entry(client, world, focal):
    client.force_login(focal)

    response = client.get(INDEX, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="course-summary-'
    )
    rows = csv_rows(response)
    assert rows[0] == [
        "Course",
        "Enrolled",
        "Active (last 30 days)",
        "Not started",
        "In progress",
        "Overdue",
        "Completed",
        "Withdrawn or removed",
        "Completion rate %",
        "Median days to complete",
    ]
    assert rows[1:] == [
        ["Change management", "2", "1", "1", "1", "0", "0", "0", "0.0", ""],
        ["Data governance", "0", "0", "0", "0", "0", "0", "0", "", ""],
        ["Joint procurement", "4", "2", "0", "1", "1", "2", "0", "50.0", "7.0"],
    ]
    export = ReportExport.objects.get()
    assert (export.report, export.format, export.status, export.rows_total) == (
        ReportKind.COURSE_SUMMARY,
        "csv",
        ExportStatus.STREAMED,
        3,
    )
    assert export.requested_by == focal
    entry = ModelLogEntry.objects.get(action="reports.export")
    assert entry.object_id == str(export.pk)
    assert entry.user_id == focal.pk
    assert entry.data["report"] == "course_summary"
    assert entry.data["rows"] == 3


def test_the_course_page_exports_every_section(client, world, admin_user, orgs):
    client.force_login(admin_user)

    response = client.get(
        course_url(world["procurement"]),
        {"export": "csv", "organisation": orgs["UNDP"].pk},
    )

    rows = csv_rows(response)
    heading = rows[0]
    records = [dict(zip(heading, row, strict=True)) for row in rows[1:]]
    uncdf, undp = "UNCDF – Capital Development Fund", "UNDP – Development Programme"
    assert [(r["Section"], r["Organisation"], r["Quiz"]) for r in records] == [
        ("Course", "", ""),
        ("Organisation", uncdf, ""),
        ("Organisation", undp, ""),
        ("Quiz", "", "Procurement check"),
        ("Quiz by organisation", uncdf, "Procurement check"),
        ("Quiz by organisation", undp, "Procurement check"),
    ]
    assert records[0]["Enrolled"] == "4"
    assert records[0]["Completion rate %"] == "50.0"
    assert records[0]["Finished attempts"] == ""
    assert records[3]["Finished attempts"] == "4"
    assert records[3]["Average score %"] == "65.0"
    assert records[5]["Pass rate %"] == "100.0"
    export = ReportExport.objects.get()
    assert export.filters == {
        "course": str(world["procurement"].pk),
        "organisation": str(orgs["UNDP"].pk),
    }
    assert export.rows_total == 6


def test_the_xlsx_export_has_the_same_figures(client, world, admin_user):
    client.force_login(admin_user)

    response = client.get(INDEX, {"export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[3] == ["Joint procurement", 6, 2, 1, 1, 1, 3, 1, 50.0, 4.0]
    assert ModelLogEntry.objects.filter(action="reports.export").count() == 1


def test_a_formula_in_a_course_title_is_inert_in_exports(client, world, admin_user):
    course = fresh(world["change"])  # the world's copy keeps its title
    course.title = '=HYPERLINK("http://evil.example","Click")'
    course.save_revision().publish()
    client.force_login(admin_user)

    rows = csv_rows(client.get(INDEX, {"export": "csv"}))
    assert ['\'=HYPERLINK("http://evil.example","Click")'] == [
        row[0] for row in rows if "HYPERLINK" in row[0]
    ]
    response = client.get(INDEX, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value]
    titled = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert [(cell.value, cell.data_type) for cell in titled] == [
        ('\'=HYPERLINK("http://evil.example","Click")', "s")
    ]


def test_an_unknown_export_format_is_a_clear_400(client, world, admin_user):
    client.force_login(admin_user)

    response = client.get(INDEX, {"export": "pdf"})

    assert response.status_code == 400
    assert "Unknown export format" in response.text
    assert not ReportExport.objects.exists()
