"""Certificate PDFs: HTML from templates/certificates/pdf/, printed by WeasyPrint.

What an author writes (the body wording) is plain text: its ``{placeholder}`` words
are replaced from a fixed dict, never through a template engine or attribute access,
and the Django template escapes everything. WeasyPrint reads nothing but the
project's own static files and the images this module hands it (see
:class:`CertificateURLFetcher`): no network, no file outside the static folders.
"""

import base64
import logging
import mimetypes
import re
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from urllib import request
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.staticfiles import finders
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from fontTools.ttLib import woff2
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from courses.authoring import AUTHORS, EDITORS
from learning.accounts.emails import absolute_url

from .models import (
    DEFAULT_BODY_WORDING,
    DEFAULT_TITLE_WORDING,
    PLACEHOLDER_RE,
    Certificate,
    CertificateTemplate,
    Orientation,
    PaperSize,
    Signatory,
)

logger = logging.getLogger(__name__)

# Static files are addressed under this origin, which never resolves (RFC 2606):
# relative URLs inside the CSS (fonts) resolve against it as on a web server.
STATIC_ORIGIN = "https://static.certificate.invalid/"
PDF_VARIANT = "pdf/ua-1"
DEFAULT_TEMPLATE_NAME = "Staff College certificate"
DEFAULT_ACCENT = "#009edb"
ACCENT_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
# Paper (width × height in portrait, mm) and the page margin of certificate.css.
PAPER_MM = {PaperSize.A4: (210, 297), PaperSize.LETTER: (215.9, 279.4)}
PAGE_MARGIN_MM = 9
LOGO_RENDITION = "max-600x600"
SIGNATURE_RENDITION = "max-600x200"
SAMPLE_NAME = "Amina Diallo"
SAMPLE_COURSE = "ICT strategy for senior managers"
SAMPLE_CODE = "SAMPLE-NOT-VALID"


class RefusedURL(ValueError):
    """WeasyPrint asked for something a certificate may not load."""


# Placeholders -----------------------------------------------------------------


def substitute(wording, values):
    """The wording cut into ``(placeholder or None, text)`` pieces: each ``{word}``
    naming a known placeholder becomes its value as plain text; anything else in
    braces stays as written. Nothing is evaluated."""
    pieces = []
    position = 0
    for match in PLACEHOLDER_RE.finditer(wording):
        name = match.group(1)
        if name not in values:
            continue
        if match.start() > position:
            pieces.append((None, wording[position : match.start()]))
        pieces.append((name, str(values[name])))
        position = match.end()
    if position < len(wording):
        pieces.append((None, wording[position:]))
    return pieces


def fill_placeholders(wording, values):
    """The wording with known placeholders replaced, as plain text."""
    return "".join(text for _name, text in substitute(wording, values))


# Wording ----------------------------------------------------------------------


def translated_if_default(wording, default):
    """The shipped default in the active language; an author's own words as
    written."""
    return _(default) if wording == default else wording


def wording_for(template, language):
    """(title, body) a certificate in `language` prints: the template's wording
    in that language if an author wrote one, else its own wording (the shipped
    default translated)."""
    if wording := template.wordings.filter(language=language).first():
        return wording.title_wording, wording.body_wording
    return (
        translated_if_default(template.title_wording, DEFAULT_TITLE_WORDING),
        translated_if_default(template.body_wording, DEFAULT_BODY_WORDING),
    )


# Safe fetching -----------------------------------------------------------------


@lru_cache(maxsize=64)
def _static_file(path):
    """The bytes and type of a static file found by Django's finders, or None.
    Finders join paths safely: nothing outside the static folders is reachable.

    WOFF2 fonts are decompressed once per process and served as TrueType: WeasyPrint
    would otherwise decompress every font in pure Python on every render (about
    two thirds of a render's time)."""
    found = finders.find(path)
    if not found:
        return None
    with open(found, "rb") as f:
        content = f.read()
    if content[:4] == b"wOF2":
        out = BytesIO()
        woff2.decompress(BytesIO(content), out)
        return out.getvalue(), "font/ttf"
    return content, mimetypes.guess_type(path)[0] or "application/octet-stream"


class CertificateURLFetcher(URLFetcher):
    """Serves WeasyPrint the project's static files (under ``STATIC_ORIGIN``) and
    the ``data:`` URLs this render generated, and refuses every other URL."""

    def __init__(self, data_urls=()):
        # URLFetcher.__init__ would install urllib's HTTP(S), FTP and file handlers
        # (and load the system's CA certificates, 20 ms a render): none is used.
        request.OpenerDirector.__init__(self)
        self._timeout = 1
        self._http_headers = {}
        self._allowed_protocols = ()
        self._fail_on_errors = False
        self._request = None
        self.data_urls = set(data_urls)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            if url in self.data_urls:
                return self._data(url)
        elif url.startswith(STATIC_ORIGIN):
            parts = urlsplit(url)
            path = unquote(parts.path).lstrip("/")
            if not parts.query and path and ".." not in path.split("/"):
                found = _static_file(path)
                if found is not None:
                    body, content_type = found
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
        logger.warning("Certificate rendering refused to fetch %.200s", url)
        raise RefusedURL(f"Certificates may not load {url[:200]}")

    def open(self, url, data=None, timeout=None):
        raise RefusedURL("Certificates open no connections")

    @staticmethod
    def _data(url):
        header, _comma, payload = url.partition(",")
        content_type = header[len("data:") :].split(";")[0]
        return URLFetcherResponse(
            url, base64.b64decode(payload), {"Content-Type": content_type}
        )


def data_url(content, content_type):
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def image_data_url(image, spec):
    """An image from the media storage as a data URL (a rendition, so that a large
    photo does not weigh down every certificate)."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as f:
            content = f.read()
    except (OSError, ValueError):
        logger.warning("Certificate image %s could not be read", image.pk)
        return None
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "image/png"
    return data_url(content, content_type)


# Templates and URLs --------------------------------------------------------------


def ensure_default_template():
    """The default template, created if missing (idempotent)."""
    template = CertificateTemplate.objects.filter(is_default=True).first()
    if template is not None:
        return template
    with transaction.atomic():
        template, created = CertificateTemplate.objects.get_or_create(
            name=DEFAULT_TEMPLATE_NAME, defaults={"is_default": True}
        )
        if not created and not template.is_default:
            template.is_default = True
            template.save(update_fields=["is_default"])
        if created:
            Signatory.objects.create(
                template=template,
                sort_order=0,
                name="Programme Manager",
                title="ICT Strategy Programme",
            )
            Signatory.objects.create(
                template=template,
                sort_order=1,
                name="Director",
                title="United Nations System Staff College",
            )
    return template


TEMPLATE_PERMISSIONS = {
    AUTHORS: ["add_certificatetemplate", "change_certificatetemplate"],
    EDITORS: [
        "add_certificatetemplate",
        "change_certificatetemplate",
        "delete_certificatetemplate",
    ],
}


def set_up_templates():
    """Run after migrate: the default template, and the authoring groups' rights to
    design templates (DESIGN.md §1). Only creates what is missing."""
    ensure_default_template()
    for group in Group.objects.filter(name__in=TEMPLATE_PERMISSIONS):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="certificates",
                codename__in=TEMPLATE_PERMISSIONS[group.name],
            )
        )


def template_for_course(course):
    """The template that names this course (in any of its translations), else the
    default one."""
    if course is not None:
        template = (
            CertificateTemplate.objects.filter(
                courses__translation_key=course.translation_key
            )
            .order_by("name")
            .first()
        )
        if template is not None:
            return template
    return ensure_default_template()


def verification_url(code):
    """The absolute URL of a certificate's public verification page."""
    try:
        path = reverse("certificates:verify", args=[code])
    except NoReverseMatch:
        language = translation.get_language() or settings.LANGUAGE_CODE
        path = f"/{language}/certificates/verify/{code}/"
    return absolute_url(path)


# Rendering ----------------------------------------------------------------------


def format_number(value):
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 1
    return formats.number_format(value, places, use_l10n=True)


def format_date(value):
    # "29 November 2026", "29 novembre 2026": the day first, as the UN writes it.
    return formats.date_format(timezone.localtime(value), "j F Y")


def name_class(name, orientation):
    """Long names print smaller so that they keep to a line or two."""
    limit = 28 if orientation == Orientation.LANDSCAPE else 20
    if len(name) > limit * 1.5:
        return "name-very-long"
    if len(name) > limit:
        return "name-long"
    return ""


def _template_of(certificate):
    if certificate.template_id:
        return certificate.template
    course = None
    if certificate.completion_id:
        course = certificate.completion.enrolment.course
    return template_for_course(course)


def certificate_html(certificate, template=None, *, sample=False):
    """The final HTML of a certificate and the data URLs it may load."""
    template = template or _template_of(certificate)
    language = certificate.language or settings.LANGUAGE_CODE
    with translation.override(language):
        values = {
            "learner_name": certificate.name_printed,
            "course": certificate.course_title,
            "completion_date": format_date(certificate.completed_at),
            "hours": format_number(certificate.hours),
            "score": (
                _("%(score)s%%") % {"score": format_number(certificate.score)}
                if certificate.score is not None
                else ""
            ),
            "expiry_date": (
                format_date(certificate.expires_at) if certificate.expires_at else ""
            ),
        }
        title, body = wording_for(template, language)
        used = set(PLACEHOLDER_RE.findall(body))
        facts = [
            (key, label, values[key])
            for key, label in (
                ("completion_date", _("Completed on")),
                ("hours", _("Hours")),
                ("score", _("Score")),
                ("expiry_date", _("Valid until")),
            )
            if values[key] and key not in used
        ]
        url = verification_url(certificate.code)
        qr = segno.make(url, error="m")
        qr_url = data_url(
            qr.svg_inline(dark="#1b2a3a", border=0, omitsize=True).encode(),
            "image/svg+xml",
        )
        logo_url = image_data_url(template.logo, LOGO_RENDITION)
        signatories = [
            {
                "name": signatory.name,
                "title": signatory.title,
                "signature_url": image_data_url(
                    signatory.signature, SIGNATURE_RENDITION
                ),
            }
            for signatory in template.signatories.all()
        ]
        accent = (
            template.accent_colour
            if ACCENT_RE.match(template.accent_colour or "")
            else DEFAULT_ACCENT
        )
        orientation = (
            template.orientation
            if template.orientation in Orientation.values
            else Orientation.LANDSCAPE
        )
        width, height = PAPER_MM.get(template.paper_size, PAPER_MM[PaperSize.A4])
        if orientation == Orientation.LANDSCAPE:
            width, height = height, width
        context = {
            "lang": language,
            "rtl": get_language_bidi(),
            "static_origin": STATIC_ORIGIN,
            "page_size": f"{width}mm {height}mm",
            "sheet_width": f"{width - 2 * PAGE_MARGIN_MM}mm",
            "sheet_height": f"{height - 2 * PAGE_MARGIN_MM}mm",
            "orientation": orientation,
            "accent": accent,
            "document_title": _("Certificate – %(course)s – %(name)s")
            % {"course": certificate.course_title, "name": certificate.name_printed},
            "title": title,
            "body": substitute(body, values),
            "name_in_body": "learner_name" in used,
            "learner_name": certificate.name_printed,
            "name_class": name_class(certificate.name_printed, orientation),
            "facts": facts,
            "logo_url": logo_url,
            "signatories": signatories,
            "code": certificate.code,
            "verification_url": url,
            "qr_url": qr_url,
            "sample": sample,
        }
        html = render_to_string("certificates/pdf/certificate.html", context)
    data_urls = [qr_url, logo_url, *(s["signature_url"] for s in signatories)]
    return html, [u for u in data_urls if u]


def html_to_pdf(html, data_urls=()):
    return HTML(
        string=html,
        base_url=STATIC_ORIGIN,
        url_fetcher=CertificateURLFetcher(data_urls),
    ).write_pdf(pdf_variant=PDF_VARIANT)


def render_certificate(certificate):
    """The PDF of a certificate (saved or not), from its frozen fields."""
    html, data_urls = certificate_html(certificate)
    return html_to_pdf(html, data_urls)


def sample_certificate(template, now=None):
    now = now or timezone.now()
    return Certificate(
        template=template,
        code=SAMPLE_CODE,
        name_printed=SAMPLE_NAME,
        course_title=SAMPLE_COURSE,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        completed_at=now,
        hours=Decimal("6"),
        score=Decimal("92.5"),
        expires_at=now + timedelta(days=730),
        issued_at=now,
    )


def render_sample(template):
    """A sample PDF of a template, with a fictitious learner, marked as a sample."""
    certificate = sample_certificate(template)
    html, data_urls = certificate_html(certificate, template, sample=True)
    return html_to_pdf(html, data_urls)
