"""What learners and the public see of a certificate: codes as people type them,
the file name of a download, LinkedIn's "add certification" link, the check of an
uploaded PDF, and the per-address rate limit of the verification page."""

import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy
from wagtail.log_actions import registry as log_registry

from learning.accounts.throttle import client_ip

from . import rendering
from .models import Certificate
from .services import CODE_GROUP_LENGTH

ISSUING_BODY = "United Nations System Staff College"  # LinkedIn's organisation name
# The same, as pages show it, in the reader's language.
ISSUING_BODY_NAME = gettext_lazy("United Nations System Staff College")
LINKEDIN_ADD_URL = "https://www.linkedin.com/profile/add"
CODE_CHARACTERS = re.compile(r"[^0-9A-Za-z]")
MAX_CODE_LENGTH = 64


# Codes ---------------------------------------------------------------------------


def code_candidates(raw):
    """The stored forms a code typed by a person may stand for: upper case, with
    or without the dashes between groups of four (``k7qm4xd2…`` → ``K7QM-4XD2-…``),
    the usual form first."""
    raw = (raw or "").strip()[:MAX_CODE_LENGTH]
    plain = CODE_CHARACTERS.sub("", raw).upper()
    if not plain:
        return []
    grouped = "-".join(
        plain[i : i + CODE_GROUP_LENGTH]
        for i in range(0, len(plain), CODE_GROUP_LENGTH)
    )
    return list(dict.fromkeys([grouped, raw.upper(), plain]))


def find_certificate(raw_code, queryset=None):
    """The certificate a code (as typed) names, or None."""
    candidates = code_candidates(raw_code)
    if not candidates:
        return None
    queryset = Certificate.objects.all() if queryset is None else queryset
    return queryset.filter(code__in=candidates).first()


# Downloads and sharing -------------------------------------------------------------


def download_filename(certificate):
    """``UNSSC-certificate-<course-slug>-<code>.pdf``."""
    course = certificate.completion.enrolment.course
    slug = (course.slug if course else "") or slugify(certificate.course_title)
    return f"UNSSC-certificate-{slug or 'course'}-{certificate.code}.pdf"


def linkedin_url(certificate, verify_url=None):
    """LinkedIn's public "add a certification to your profile" link, filled in:
    course as the certification's name, the Staff College as its issuer, the month
    of issue (and of expiry, when it expires), the verification page and code."""
    issued = timezone.localtime(certificate.completed_at)
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
    }
    if settings.CERTIFICATE_LINKEDIN_ORGANIZATION_ID:
        params["organizationId"] = settings.CERTIFICATE_LINKEDIN_ORGANIZATION_ID
    params.update(
        {
            "organizationName": ISSUING_BODY,
            "issueYear": issued.year,
            "issueMonth": issued.month,
        }
    )
    if certificate.expires_at:
        expires = timezone.localtime(certificate.expires_at)
        params["expirationYear"] = expires.year
        params["expirationMonth"] = expires.month
    params["certUrl"] = verify_url or rendering.verification_url(certificate.code)
    params["certId"] = certificate.code
    return f"{LINKEDIN_ADD_URL}?{urlencode(params)}"


# Checking an uploaded file -------------------------------------------------------


def sha256_of(upload):
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def earlier_versions(certificate):
    """``{sha256: replaced_at}`` of the files a reissue replaced, from the audit
    log (each reissue records the hash of the file it replaced)."""
    entries = log_registry.get_logs_for_instance(certificate).filter(
        action="certificates.reissue"
    )
    return {
        entry.data["old_sha256"]: entry.timestamp
        for entry in entries.order_by("timestamp")
        if (entry.data or {}).get("old_sha256")
    }


def check_file(certificate, digest):
    """``("genuine", None)``, ``("earlier", replaced_at)`` for a file of this
    certificate that a reissue replaced, or ``("mismatch", None)``."""
    if certificate.sha256 and digest == certificate.sha256:
        return "genuine", None
    replaced_at = earlier_versions(certificate).get(digest)
    if replaced_at is not None:
        return "earlier", replaced_at
    return "mismatch", None


# Rate limit ----------------------------------------------------------------------


def over_limit(request, scope, per_minute):
    """Count this request against the client address's allowance for `scope`
    ("lookup" or "upload") in the current minute-long window; True when over."""
    key = f"certificates:verify:{scope}:{client_ip(request)}"
    cache.add(key, 0, 60)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, 60)
        count = 1
    return count > per_minute


class SizeLimit(FileUploadHandler):
    """Stops an upload once its file passes `max_bytes` (whatever the request
    claimed its length to be) and marks the request ``upload_too_large``."""

    def __init__(self, request, max_bytes):
        super().__init__(request)
        self.max_bytes = max_bytes

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.max_bytes:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None
