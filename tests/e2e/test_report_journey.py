"""A focal point filters the completion report in a real browser and downloads it:
the file holds only their organisations' rows, as filtered. Set
REPORT_SCREENSHOTS=<dir> to keep screenshots."""

import csv
import io
import os

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD
from tests.reports.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def screenshot(page, name):
    if directory := os.environ.get("REPORT_SCREENSHOTS"):
        page.screenshot(path=os.path.join(directory, name), full_page=True)


def test_a_focal_point_filters_and_exports_only_their_rows(page, live_server):
    world = World()
    focal = world.focal_point(world.undp)

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Email address").fill(focal.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Completion report").click()
    expect(page.get_by_role("heading", name="Completion report")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("amina@example.org")
    expect(table).to_contain_text("bruno@example.org")
    expect(table).not_to_contain_text("chen@example.org")
    screenshot(page, "report.png")

    page.get_by_role("button", name="Show filters").click()
    screenshot(page, "report-drawer.png")
    page.get_by_role("button", name="Organisation").click()
    page.get_by_label("Organisation").select_option(
        label="UNCDF – Capital Development Fund"
    )
    expect(table).not_to_contain_text("amina@example.org")
    expect(table).to_contain_text("bruno@example.org")
    screenshot(page, "report-filtered.png")

    page.get_by_role("navigation", name="Actions").get_by_role("button").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    rows = list(
        csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8-sig").read()))
    )
    assert [(row["Learner"], row["Organisation"]) for row in rows] == [
        ("Bruno Costa", "UNCDF")
    ]
