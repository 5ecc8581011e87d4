"""Where an issued certificate's printed link (and its QR code) points.

A certificate's PDF prints its verification URL under the QR code that encodes the
same URL; both are made from BASE_URL when the PDF is rendered. A PDF rendered
before BASE_URL was set (or under an older address) sends whoever scans it
elsewhere, for good: these are found by reading the link back from the PDF, and
reissued (same code, a new PDF; the old file is kept).
"""

import re

from django.utils.translation import gettext as _
from pypdf import PdfReader

from learning.accounts.emails import site_url

from .models import Certificate, CertificateStatus


def printed_link(certificate):
    """The verification URL printed on the certificate's current PDF, or None."""
    with certificate.file.open("rb") as pdf:
        text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    # Long URLs wrap anywhere: read the text without its whitespace.
    compact = "".join(text.split())
    pattern = (
        r"https?://[^/\s]+/(?:[a-z]{2}(?:-[a-z]+)?/)?certificates/verify/"
        + re.escape(certificate.code)
        + "/"
    )
    match = re.search(pattern, compact)
    return match.group(0) if match else None


def certificates_linking_elsewhere():
    """(certificate, printed link) of each valid certificate whose PDF does not link
    to this site's BASE_URL (None: no link could be read from it)."""
    here = site_url() + "/"
    valid = Certificate.objects.filter(status=CertificateStatus.VALID).exclude(file="")
    for certificate in list(valid.order_by("pk")):  # reissuing writes as we go
        link = printed_link(certificate)
        if link is None or not link.startswith(here):
            yield certificate, link


def relink(certificate, *, now):
    """A new PDF for the certificate, linking to this site."""
    from .services import reissue_certificate

    return reissue_certificate(
        certificate,
        by=None,
        reason=_("Verification link moved to %(url)s") % {"url": site_url()},
        now=now,
    )
