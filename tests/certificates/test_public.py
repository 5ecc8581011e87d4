"""Learners and the public: download, dashboard and completion panel, transcript,
the verification page with its file check, and its rate limit."""

import hashlib
import logging
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.certificates import rendering, services
from learning.certificates.models import Certificate
from learning.certificates.public import linkedin_url
from learning.certificates.services import reissue_certificate, revoke_certificate
from tests.certificates.factories import (
    fake_pdf,
    make_certificate,
    make_completion,
    make_learner,
)
from tests.factories import UserFactory, fresh, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    """The verification page counts requests per address in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def amina(module_db):
    """Amina's certificate of a course, built once per module (a published course
    costs ~0.1 s). Its stand-in PDF stays in the in-memory storage, which no
    rollback empties."""
    course = make_course(
        "ICT strategy for senior managers",
        slug="ict-strategy",
        estimated_hours=Decimal("6.5"),
    )
    completion = make_completion(make_learner("Amina Diallo"), course)
    return make_certificate(completion, issued_at=timezone.now())


@pytest.fixture
def certificate(amina):
    """A fresh copy of Amina's certificate: tests revoke, reissue and edit it."""
    return fresh(amina)


@pytest.fixture
def course(amina):
    """Amina's course, which other learners complete too."""
    return fresh(amina.completion.enrolment.course)


def owner(certificate):
    return certificate.completion.enrolment.learner


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def stored_bytes(certificate):
    with certificate.file.open("rb") as handle:
        return handle.read()


def pdf_upload(content, name="certificate.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def rows(model):
    return list(model.objects.order_by("pk").values())


# Download --------------------------------------------------------------------------


def test_the_learner_downloads_their_certificate_with_a_sensible_name(
    client, certificate
):
    client.force_login(owner(certificate))

    response = client.get(f"/en/certificates/{certificate.code}/download/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="UNSSC-certificate-ict-strategy-{certificate.code}.pdf"'
    )
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == certificate.sha256
    assert body == stored_bytes(certificate)


def test_another_learners_certificate_is_a_404(client, certificate):
    client.force_login(make_learner("Someone Else"))

    response = client.get(f"/en/certificates/{certificate.code}/download/")

    assert response.status_code == 404
    assert certificate.sha256 not in response.text
    assert b"%PDF" not in response.content


def test_a_visitor_who_is_not_signed_in_is_sent_to_log_in(client, certificate):
    response = client.get(f"/en/certificates/{certificate.code}/download/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_revoked_certificate_cannot_be_downloaded(client, certificate):
    revoke_certificate(
        certificate, by=None, reason="Completed by someone else", now=timezone.now()
    )
    client.force_login(owner(certificate))

    response = client.get(f"/en/certificates/{certificate.code}/download/")

    assert response.status_code == 410
    assert "was revoked on" in text_of(response)
    assert "Completed by someone else" not in response.text


# LinkedIn --------------------------------------------------------------------------


def test_the_linkedin_link_fills_in_the_certification(certificate):
    certificate.completed_at = timezone.make_aware(timezone.datetime(2026, 3, 14, 12))
    certificate.expires_at = timezone.make_aware(timezone.datetime(2028, 3, 14, 12))

    url = urlsplit(linkedin_url(certificate))
    params = {key: values[0] for key, values in parse_qs(url.query).items()}

    assert f"{url.scheme}://{url.netloc}{url.path}" == (
        "https://www.linkedin.com/profile/add"
    )
    assert params == {
        "startTask": "CERTIFICATION_NAME",
        "name": "ICT strategy for senior managers",
        "organizationName": "United Nations System Staff College",
        "issueYear": "2026",
        "issueMonth": "3",
        "expirationYear": "2028",
        "expirationMonth": "3",
        "certUrl": rendering.verification_url(certificate.code),
        "certId": certificate.code,
    }
    assert params["certUrl"].endswith(f"/certificates/verify/{certificate.code}/")


def test_a_certificate_that_never_expires_has_no_expiry_on_linkedin(
    certificate, settings
):
    settings.CERTIFICATE_LINKEDIN_ORGANIZATION_ID = "1234567"

    params = parse_qs(urlsplit(linkedin_url(certificate)).query)

    assert "expirationYear" not in params and "expirationMonth" not in params
    assert params["organizationId"] == ["1234567"]


# Dashboard and completion panel ------------------------------------------------------


def test_the_dashboard_offers_download_verification_link_and_linkedin(
    client, certificate
):
    client.force_login(owner(certificate))

    page = client.get("/en/my-learning/")

    soup = BeautifulSoup(page.content, "html.parser")
    item = soup.select_one(".dashboard-item")
    download = item.find("a", string="Download certificate (PDF)")
    assert download["href"] == f"/en/certificates/{certificate.code}/download/"
    link = item.select_one("input.copy-link__input")
    assert link.has_attr("readonly")
    assert link["value"] == rendering.verification_url(certificate.code)
    assert soup.find("label", attrs={"for": link["id"]})
    assert item.find("button", string="Copy verification link")
    linkedin = item.select_one("a.certificate-actions__linkedin")
    assert linkedin.get_text(" ", strip=True).startswith("Add to LinkedIn")
    assert linkedin["href"] == linkedin_url(certificate)
    assert linkedin["rel"] == ["noopener", "noreferrer"]
    assert soup.find("a", href="/en/certificates/transcript/")
    assert soup.find("script", src=lambda src: src and "js/certificates.js" in src)


def test_the_dashboard_shows_no_download_for_a_revoked_certificate(client, certificate):
    revoke_certificate(certificate, by=None, reason="Error", now=timezone.now())
    client.force_login(owner(certificate))

    page = client.get("/en/my-learning/")

    assert "Download certificate (PDF)" not in page.text
    assert "Add to LinkedIn" not in page.text
    assert "was revoked on" in text_of(page)


def dashboard_queries(client, learner):
    client.get("/en/my-learning/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/my-learning/")
    return len(queries), page


def test_the_dashboard_query_count_does_not_grow_with_certificates(client):
    # 2 against 4 certificates shows any query per certificate; both learners
    # complete the same courses, built once (a published course costs ~0.1 s).
    courses = [make_course(f"Course {number}") for number in range(4)]
    counts = {}
    for n in (2, 4):
        learner = make_learner(f"Learner {n}")
        for course in courses[:n]:
            make_certificate(make_completion(learner, course))
        client.force_login(learner)
        count, page = dashboard_queries(client, learner)
        assert page.text.count("Download certificate (PDF)") == n
        counts[n] = count
    assert counts[2] == counts[4]


def test_the_completion_panel_on_the_course_page_offers_the_certificate(
    client, certificate
):
    client.force_login(owner(certificate))
    course = certificate.completion.enrolment.course

    page = client.get(course.url)

    panel = BeautifulSoup(page.content, "html.parser").select_one(".completion")
    assert panel.find("a", string="Download certificate (PDF)")["href"] == (
        f"/en/certificates/{certificate.code}/download/"
    )
    assert panel.select_one("input.copy-link__input")["value"].endswith(
        f"/certificates/verify/{certificate.code}/"
    )


def test_the_completion_panel_follows_the_certificate_from_preparing_to_revoked(
    client, course
):
    # The panel's HTML is cached under what it shows: each change shows at once.
    completion = make_completion(course=course)
    certificate = make_certificate(completion, with_file=False)
    client.force_login(completion.enrolment.learner)

    def panel(language="en"):
        page = client.get(course.url.replace("/en/", f"/{language}/", 1))
        assert page.status_code == 200
        return " ".join(
            BeautifulSoup(page.content, "html.parser")
            .select_one(".completion")
            .get_text(" ")
            .split()
        )

    assert "Your certificate is being prepared" in panel()
    assert "Download certificate (PDF)" not in panel()

    services.store_pdf(certificate, fake_pdf(certificate))  # the render has landed
    certificate.save()
    assert "being prepared" not in panel()
    assert f"Certificate code: {certificate.code}" in panel()
    assert "Télécharger le certificat (PDF)" in panel("fr")

    revoke_certificate(certificate, by=None, reason="Error", now=timezone.now())
    assert "Your certificate for this course was revoked on" in panel()
    assert "Download certificate (PDF)" not in panel()


def test_a_certificate_not_yet_rendered_is_announced_as_being_prepared(client, course):
    completion = make_completion(course=course)
    make_certificate(completion, with_file=False)
    client.force_login(completion.enrolment.learner)

    page = client.get("/en/my-learning/")

    assert "Your certificate is being prepared" in page.text
    assert "Download certificate (PDF)" not in page.text


# Transcript ------------------------------------------------------------------------


def test_the_transcript_lists_every_completion_with_its_certificate(
    client, certificate
):
    learner = owner(certificate)
    now = timezone.now()
    second = make_certificate(
        make_completion(learner, make_course("Change management"), hours=Decimal("3")),
        expires_at=now - timedelta(days=1),
    )
    third = make_certificate(
        make_completion(learner, make_course("Joint procurement"), hours=Decimal("2"))
    )
    revoke_certificate(third, by=None, reason="Private reason", now=now)
    make_completion(learner, make_course("Interoperability"), hours=Decimal("4"))
    client.force_login(learner)

    page = client.get("/en/certificates/transcript/")

    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    table = {
        row.th.get_text(strip=True): " ".join(row.get_text(" ").split())
        for row in soup.select(".transcript__table tbody tr")
    }
    assert set(table) == {
        "ICT strategy for senior managers",
        "Change management",
        "Joint procurement",
        "Interoperability",
    }
    assert certificate.code in table["ICT strategy for senior managers"]
    assert "Valid" in table["ICT strategy for senior managers"]
    assert "Expired" in table["Change management"]
    assert "Revoked" in table["Joint procurement"]
    assert "Not issued yet" in table["Interoperability"]
    assert soup.find("a", href=rendering.verification_url(second.code))
    total = " ".join(soup.select_one(".transcript__table tfoot").get_text().split())
    assert "3 courses completed" in total
    assert "13.5" in total  # 6.5 + 3 + 4: the revoked course is not counted
    assert "Private reason" not in page.text
    assert "Amina Diallo" in text_of(page)


def test_the_transcript_shows_only_the_learners_own_completions(client, certificate):
    client.force_login(make_learner("Someone Else"))

    page = client.get("/en/certificates/transcript/")

    assert certificate.code not in page.text
    assert "You have not completed a course yet" in page.text


def test_the_transcript_needs_a_signed_in_learner(client):
    response = client.get("/en/certificates/transcript/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# Verification page -----------------------------------------------------------------


def test_a_valid_certificate_is_shown_with_what_it_certifies(client, certificate):
    page = client.get(f"/en/certificates/verify/{certificate.code}/")

    assert page.status_code == 200
    text = text_of(page)
    assert "Valid" in text
    assert "Amina Diallo" in text
    assert "ICT strategy for senior managers" in text
    assert timezone.localtime(certificate.completed_at).strftime("%-d %B %Y") in text
    assert "6.5" in text
    assert "United Nations System Staff College" in text
    assert "Does not expire" in text
    assert certificate.sha256 in text


def test_the_verification_page_speaks_the_visitors_language(client, certificate):
    def facts(language):
        page = client.get(f"/{language}/certificates/verify/{certificate.code}/")
        assert page.status_code == 200
        soup = BeautifulSoup(page.content, "html.parser")
        assert soup.html["lang"] == language
        state = soup.select_one(".verify__state strong").get_text(strip=True)
        labels = {
            dt.get_text(strip=True): dt.find_next_sibling("dd")
            for dt in soup.select(".verify__facts dt")
        }
        return state, labels

    english_state, english = facts("en")
    french_state, french = facts("fr")

    assert (english_state, french_state) == ("Valid", "Valide")
    assert {"Course", "Completed on", "Issued by"} <= set(english)
    assert {"Cours", "Terminé le", "Délivré par"} <= set(french)
    assert not {"Course", "Completed on", "Issued by"} & set(french)
    # The course title as the certificate prints it, marked with its language.
    for course in (english["Course"], french["Cours"]):
        assert course.get_text(strip=True) == "ICT strategy for senior managers"
        assert course["lang"] == certificate.language == "en"


def test_the_verification_page_needs_no_login_and_is_not_indexed(client, certificate):
    page = client.get(f"/certificates/verify/{certificate.code}/", follow=True)

    assert page.status_code == 200
    assert BeautifulSoup(page.content, "html.parser").find(
        "meta", attrs={"name": "robots", "content": "noindex"}
    )


def test_an_expired_certificate_says_so(client, certificate):
    certificate.expires_at = timezone.now() - timedelta(days=3)
    certificate.save(update_fields=["expires_at"])

    text = text_of(client.get(f"/en/certificates/verify/{certificate.code}/"))

    assert "Expired" in text
    expiry = timezone.localtime(certificate.expires_at).strftime("%-d %B %Y")
    assert f"it expired on {expiry}" in text


def test_a_revoked_certificate_says_so_with_its_date_but_not_the_reason(
    client, certificate
):
    revoked_at = timezone.now() - timedelta(days=2)
    revoke_certificate(
        certificate, by=None, reason="Plagiarised final quiz", now=revoked_at
    )

    page = client.get(f"/en/certificates/verify/{certificate.code}/")

    text = text_of(page)
    assert "Revoked" in text
    assert f"on {timezone.localtime(revoked_at).strftime('%-d %B %Y')}" in text
    assert "no longer valid" in text
    assert "Plagiarised" not in page.text


@pytest.mark.parametrize(
    "transform",
    [
        str.lower,
        lambda code: code.replace("-", ""),
        lambda c: c.lower().replace("-", ""),
    ],
)
def test_codes_match_in_any_case_with_or_without_dashes(client, certificate, transform):
    page = client.get(f"/en/certificates/verify/{transform(certificate.code)}/")

    assert page.status_code == 200
    assert certificate.code in page.text


def test_an_unknown_code_is_a_friendly_404(client, certificate):
    page = client.get("/en/certificates/verify/ABCD-EFGH-JKMN-PQRS/")

    assert page.status_code == 404
    text = text_of(page)
    assert "Certificate not found" in text
    assert "ABCD-EFGH-JKMN-PQRS" in text
    assert "Amina Diallo" not in text


def test_the_code_form_leads_to_the_certificates_page(client, certificate):
    typed = certificate.code.lower().replace("-", " ")

    response = client.get("/en/certificates/verify/", {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == f"/en/certificates/verify/{certificate.code}/"


def test_the_genuine_pdf_is_reported_genuine(client, certificate):
    genuine = stored_bytes(certificate)

    page = client.post(
        f"/en/certificates/verify/{certificate.code}/", {"file": pdf_upload(genuine)}
    )

    assert page.status_code == 200
    text = text_of(page)
    assert "Genuine. This file is exactly the certificate we issued." in text
    assert "Not genuine" not in text


def test_a_pdf_with_one_byte_changed_is_reported_not_genuine(client, certificate):
    forged = bytearray(stored_bytes(certificate))
    forged[-3] ^= 0x01

    page = client.post(
        f"/en/certificates/verify/{certificate.code}/",
        {"file": pdf_upload(bytes(forged))},
    )

    assert page.status_code == 200
    text = text_of(page)
    assert "Not genuine." in text
    assert "does not match the certificate we issued" in text
    assert hashlib.sha256(bytes(forged)).hexdigest() in text


def test_a_file_a_reissue_replaced_is_recognised_as_an_earlier_version(
    client, certificate, monkeypatch
):
    monkeypatch.setattr(rendering, "render_certificate", fake_pdf)
    first = stored_bytes(certificate)
    reissue_certificate(certificate, by=None, reason="Typo", now=timezone.now())
    certificate.refresh_from_db()
    assert certificate.version == 2

    old = client.post(
        f"/en/certificates/verify/{certificate.code}/", {"file": pdf_upload(first)}
    )
    new = client.post(
        f"/en/certificates/verify/{certificate.code}/",
        {"file": pdf_upload(stored_bytes(certificate))},
    )

    assert "An earlier version." in text_of(old)
    assert "Genuine." in text_of(new)


def test_a_file_that_is_not_a_pdf_is_refused_with_a_400(client, certificate, caplog):
    before = rows(Certificate)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        page = client.post(
            f"/en/certificates/verify/{certificate.code}/",
            {"file": SimpleUploadedFile("cert.pdf", b"<html>not a pdf</html>")},
        )

    assert page.status_code == 400
    assert "This file is not a PDF" in text_of(page)
    assert "Genuine" not in text_of(page)
    assert rows(Certificate) == before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_file_over_the_size_limit_is_refused_with_a_400(
    client, certificate, settings
):
    settings.CERTIFICATE_VERIFY_MAX_BYTES = 1024
    before = rows(Certificate)

    page = client.post(
        f"/en/certificates/verify/{certificate.code}/",
        {"file": pdf_upload(b"%PDF-1.7 " + b"x" * 2000)},
    )

    assert page.status_code == 400
    assert "The file is too large" in text_of(page)
    assert rows(Certificate) == before


def test_a_request_far_over_the_size_limit_is_refused_unread(
    client, certificate, settings
):
    settings.CERTIFICATE_VERIFY_MAX_BYTES = 1024

    page = client.post(
        f"/en/certificates/verify/{certificate.code}/",
        {"file": pdf_upload(b"%PDF-1.7 " + b"x" * 200_000)},
    )

    assert page.status_code == 400
    assert "The file is too large" in text_of(page)


def test_a_post_without_a_file_asks_for_one(client, certificate):
    page = client.post(f"/en/certificates/verify/{certificate.code}/", {})

    assert page.status_code == 400
    assert "Choose the PDF file to check." in text_of(page)


def test_look_ups_are_rate_limited_per_address(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_LOOKUPS_PER_MINUTE = 3
    url = f"/en/certificates/verify/{certificate.code}/"

    statuses = [client.get(url).status_code for _ in range(3)]
    refused = client.get(url)
    elsewhere = client.get(url, REMOTE_ADDR="203.0.113.9")

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Please wait a minute" in text_of(refused)
    assert "Amina Diallo" not in refused.text
    assert elsewhere.status_code == 200


def test_unknown_codes_count_against_the_limit_too(client, settings):
    settings.CERTIFICATE_VERIFY_LOOKUPS_PER_MINUTE = 2

    statuses = [
        client.get(f"/en/certificates/verify/GUESS-{n}/").status_code for n in range(3)
    ]

    assert statuses == [404, 404, 429]


def test_uploads_are_rate_limited_per_address(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_UPLOADS_PER_MINUTE = 2
    url = f"/en/certificates/verify/{certificate.code}/"
    genuine = stored_bytes(certificate)

    statuses = [
        client.post(url, {"file": pdf_upload(genuine)}).status_code for _ in range(3)
    ]

    assert statuses == [200, 200, 429]
    assert client.get(url).status_code == 200


def test_an_other_users_certificate_stays_invisible_even_with_the_code(
    client, certificate
):
    """Knowing the code shows the public page, never the file."""
    client.force_login(UserFactory())

    assert client.get(f"/en/certificates/verify/{certificate.code}/").status_code == 200
    download = client.get(f"/en/certificates/{certificate.code}/download/")
    assert download.status_code == 404


def test_an_upload_without_the_csrf_token_is_refused(certificate):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    url = f"/en/certificates/verify/{certificate.code}/"

    refused = browser.post(url, {"file": pdf_upload(stored_bytes(certificate))})
    browser.get(url)
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        url,
        {"file": pdf_upload(stored_bytes(certificate)), "csrfmiddlewaretoken": token},
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert "Genuine." in text_of(accepted)
