"""The import preview in a real browser: a file with errors is explained row by row
and cannot be confirmed. Set IMPORT_SCREENSHOTS=<dir> to keep a screenshot."""

import os

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, make_course
from tests.progress.test_imports import csv_bytes, make_focal_point, make_orgs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_focal_point_sees_why_rows_are_refused(page, live_server, tmp_path):
    focal_point = make_focal_point(make_orgs())
    course = make_course("Joint procurement", modules=1)
    data = csv_bytes(
        "amina.diallo@undp.org,Amina Diallo,UNDP,2027-03-31",
        "l.moreau@unicef.org,Louis Moreau,UNICEF,",
        "not-an-email,,UNDP,",
        'k.tanaka@undp.org,=HYPERLINK("x"),UNDP,',
        "p.okafor@undp.org,,UNDP,31/03/2027",
        "amina.diallo@undp.org,,,",
    )
    upload = tmp_path / "people.csv"
    upload.write_bytes(data)

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Email address").fill(focal_point.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/admin/")
    page.get_by_role("link", name="Import enrolments").click()
    page.get_by_role("link", name="Upload a file", exact=True).click()
    page.get_by_label("Course").select_option(label=f"{course.title} (English)")
    page.get_by_label("CSV file").set_input_files(str(upload))
    if directory := os.environ.get("IMPORT_SCREENSHOTS"):
        page.screenshot(path=os.path.join(directory, "import-upload.png"))
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_role("heading", name="5 rows have errors")).to_be_visible()
    errors = page.get_by_role("table", name="Rows with errors")
    expect(errors).to_contain_text("You do not manage the organisation UNICEF.")
    expect(errors).to_contain_text("is already on line 2")
    expect(page.get_by_role("button", name="Confirm and enrol")).to_have_count(0)
    expect(
        page.get_by_role("link", name="Download the error report (CSV)")
    ).to_be_visible()
    if directory := os.environ.get("IMPORT_SCREENSHOTS"):
        page.screenshot(
            path=os.path.join(directory, "import-preview.png"), full_page=True
        )
