"""Certificates whose printed link and QR code point elsewhere than BASE_URL are
found by reading their PDFs, and reissued on request (issue 20, item 7)."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from learning.certificates import rendering, services
from learning.certificates.links import printed_link
from learning.certificates.models import CertificateStatus

from .factories import make_certificate, make_completion

pytestmark = pytest.mark.django_db

OLD = "http://127.0.0.1:8000"
NEW = "https://learning.unssc.org"


def issued_under(settings, base_url, **fields):
    """A certificate whose real PDF was rendered while BASE_URL was `base_url`."""
    settings.WAGTAILADMIN_BASE_URL = base_url
    certificate = make_certificate(make_completion(), with_file=False, **fields)
    services.store_pdf(certificate, rendering.render_certificate(certificate))
    certificate.save()
    return certificate


def links_command(*args):
    out = io.StringIO()
    call_command("certificate_links", *args, stdout=out)
    return out.getvalue()


def test_certificates_printed_with_another_address_are_listed_then_reissued(settings):
    stale = issued_under(settings, OLD)
    current = issued_under(settings, NEW)
    revoked = issued_under(settings, OLD, status=CertificateStatus.REVOKED)
    assert printed_link(stale) == f"{OLD}/en/certificates/verify/{stale.code}/"

    settings.WAGTAILADMIN_BASE_URL = NEW
    listed = links_command()

    assert stale.code in listed
    assert f"{OLD}/en/certificates/verify/{stale.code}/" in listed
    assert current.code not in listed
    assert revoked.code not in listed  # not reissued: it stays revoked
    assert "1 certificate(s) link elsewhere" in listed
    stale.refresh_from_db()
    assert stale.version == 1  # listing changes nothing

    links_command("--regenerate")

    stale.refresh_from_db()
    assert stale.version == 2
    assert printed_link(stale) == f"{NEW}/en/certificates/verify/{stale.code}/"
    with stale.file.open("rb") as pdf:
        text = PdfReader(pdf).pages[0].extract_text()
    assert OLD not in "".join(text.split())
    assert links_command() == f"Every valid certificate links to {NEW}.\n"
