"""A learner whose printed name is confirmed completes a course: the certificate
appears on the dashboard, downloads, and its public verification page says valid;
once revoked, the page says revoked. Set CERTIFICATE_SCREENSHOTS=<dir> to keep
screenshots of the dashboard and the verification page."""

import hashlib
import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learning.certificates.models import Certificate
from learning.certificates.services import revoke_certificate
from tests.e2e.conftest import assert_accessible, page_width, sign_in
from tests.factories import TEST_PASSWORD, UserFactory, make_course, make_module

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE = "ICT strategy for senior managers"
LEARNER = "amina.diallo@undp.org"


def screenshot(page, name):
    directory = os.environ.get("CERTIFICATE_SCREENSHOTS")
    if directory:
        os.makedirs(directory, exist_ok=True)
        page.screenshot(path=os.path.join(directory, name), full_page=True)


@pytest.fixture
def learner():
    return UserFactory(
        email=LEARNER, full_name="Amina Diallo", name_confirmed_at=timezone.now()
    )


@pytest.fixture
def course():
    course = make_course(COURSE, slug="ict-strategy", estimated_hours=6)
    make_module(course, title="ICT as a strategic tool")
    make_module(course, title="Sharing information across the system")
    return course


def test_a_completed_course_gives_a_certificate_to_download_verify_and_revoke(
    live_server, new_page, learner, course, tmp_path
):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    # Given a learner who confirmed their printed name, signed in and enrolled
    sign_in(page, live_server.url, LEARNER, TEST_PASSWORD, next_path=course.url)
    page.get_by_role("button", name="Enrol in this course").click()

    # When they complete every module
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sharing information across the system"
    )
    page.get_by_role("button", name="Mark as done").click()

    # Then the completion panel offers the certificate
    completed = page.get_by_role("region", name="Course completed")
    expect(
        completed.get_by_role("link", name="Download certificate (PDF)")
    ).to_be_visible()
    certificate = Certificate.objects.get()
    assert certificate.name_printed == "Amina Diallo" and certificate.sha256

    # And the dashboard lists it with download, verification link and LinkedIn
    page.goto(f"{live_server.url}/en/my-learning/")
    done = page.get_by_role("region", name="Completed")
    expect(done).to_contain_text(COURSE)
    expect(done).to_contain_text(f"Certificate code: {certificate.code}")
    link = done.get_by_label("Verification link")
    expect(link).to_have_value(
        re.compile(rf"/certificates/verify/{certificate.code}/$")
    )
    linkedin = done.get_by_role("link", name=re.compile("Add to LinkedIn"))
    expect(linkedin).to_have_attribute(
        "href", re.compile(r"^https://www\.linkedin\.com/profile/add\?startTask=")
    )
    assert_accessible(page)
    screenshot(page, "certificate-dashboard.png")

    # When they copy the verification link, the page says so
    done.get_by_role("button", name="Copy verification link").click()
    expect(done.get_by_role("status")).to_have_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"/certificates/verify/{certificate.code}/")

    # And download the PDF: the file we issued, with a sensible name
    with page.expect_download() as download_info:
        done.get_by_role("link", name="Download certificate (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == (
        f"UNSSC-certificate-ict-strategy-{certificate.code}.pdf"
    )
    saved = tmp_path / "certificate.pdf"
    download.save_as(saved)
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == certificate.sha256

    # Then anyone, signed out, sees the certificate valid on its verification page
    visitor = new_page()
    verify_url = f"{live_server.url}/en/certificates/verify/{certificate.code}/"
    visitor.goto(verify_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Certificate verification"
    )
    state = visitor.locator(".verify__state")
    expect(state).to_contain_text("Valid")
    expect(visitor.locator(".verify__facts")).to_contain_text("Amina Diallo")
    expect(visitor.locator(".verify__facts")).to_contain_text(COURSE)
    expect(visitor.locator(".verify__facts")).to_contain_text(certificate.sha256)
    assert_accessible(visitor)

    # And the downloaded file, uploaded there, is genuine
    visitor.get_by_label("Certificate PDF").set_input_files(saved)
    visitor.get_by_role("button", name="Check the file").click()
    expect(visitor.locator(".verify__result")).to_contain_text("Genuine.")
    assert_accessible(visitor)
    screenshot(visitor, "certificate-verify-valid.png")

    # When an administrator revokes it, the page says revoked, without the reason
    revoke_certificate(
        certificate,
        by=None,
        reason="Completed on another's account",
        now=timezone.now(),
    )
    visitor.goto(verify_url)
    expect(state).to_contain_text("Revoked")
    expect(state).to_contain_text("no longer valid")
    expect(visitor.locator("main")).not_to_contain_text("another's account")
    assert_accessible(visitor)
    screenshot(visitor, "certificate-verify-revoked.png")

    # And the learner's dashboard no longer offers it for download
    page.reload()
    expect(page.get_by_role("region", name="Completed")).to_contain_text(
        "was revoked on"
    )
    expect(page.get_by_role("link", name="Download certificate (PDF)")).to_have_count(0)


def test_the_verification_page_and_transcript_fit_a_phone(
    live_server, new_page, learner, course
):
    from tests.certificates.factories import make_certificate, make_completion

    certificate = make_certificate(make_completion(learner, course))
    phone = new_page(mobile=True)
    phone.goto(f"{live_server.url}/en/certificates/verify/{certificate.code}/")
    expect(phone.locator(".verify__state")).to_contain_text("Valid")
    assert page_width(phone) <= 360
    assert_accessible(phone)

    sign_in(phone, live_server.url, LEARNER, TEST_PASSWORD)
    phone.goto(f"{live_server.url}/en/certificates/transcript/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Transcript")
    expect(phone.locator(".transcript__table")).to_contain_text(certificate.code)
    assert page_width(phone) <= 360
    assert_accessible(phone)
    screenshot(phone, "certificate-transcript-phone.png")
