"""Certificate PDFs: what they say, that they verify, that they are safe to render,
and the template admin's preview."""

import io
import socket
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import zxingcpp
from django.conf import settings
from django.contrib.auth.models import Permission
from PIL import Image
from pypdf import PdfReader

from learning.certificates.models import (
    Certificate,
    CertificateTemplate,
    CertificateWording,
    Orientation,
    PaperSize,
    Signatory,
)
from learning.certificates.rendering import (
    STATIC_ORIGIN,
    CertificateURLFetcher,
    RefusedURL,
    ensure_default_template,
    fill_placeholders,
    render_certificate,
    render_sample,
    template_for_course,
    verification_url,
)
from learning.progress.models import CourseCompletion, Enrolment
from tests import programs
from tests.factories import UserFactory, fresh, make_course, make_image

pytestmark = pytest.mark.django_db

COMPLETED = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def built_course(module_db):
    """Built once per module: a published course costs ~0.1 s."""
    return make_course("ICT strategy for senior managers", estimated_hours=6)


@pytest.fixture
def course(built_course):
    """A fresh copy for each test: templates are linked to it."""
    return fresh(built_course)


def make_certificate(course, *, name="Amina Diallo", code="K7Q2M9X4TW8R", **fields):
    """A certificate as issuing would write it (frozen fields, no file yet)."""
    learner = UserFactory(full_name=name)
    enrolment = Enrolment.objects.create(
        learner=learner,
        course=course,
        course_key=course.translation_key,
        enrolled_at=COMPLETED,
    )
    completion = CourseCompletion.objects.create(
        enrolment=enrolment, completed_at=COMPLETED, hours=Decimal("6")
    )
    fields = {
        "name_printed": name,
        "course_title": course.title,
        "completed_at": COMPLETED,
        "hours": Decimal("6"),
        "issued_at": COMPLETED,
        **fields,
    }
    return Certificate.objects.create(completion=completion, code=code, **fields)


def pdf_text(pdf):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(text):
    return " ".join(text.split())


def squash(text):
    """Text without whitespace: long unbroken strings may wrap anywhere."""
    return "".join(text.split())


def page_image(pdf, tmp_path, dpi=150):
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    programs.run(
        "pdftoppm", "-png", "-r", str(dpi), "-singlefile", path, tmp_path / "page"
    )
    return Image.open(tmp_path / "page.png")


def test_the_pdf_names_the_learner_the_course_and_the_code(course):
    certificate = make_certificate(course, score=Decimal("87.5"))

    text = flat(pdf_text(render_certificate(certificate)))

    assert "Amina Diallo" in text
    assert "ICT strategy for senior managers" in text
    assert "K7Q2M9X4TW8R" in text
    assert "14 March 2026" in text
    assert "87.5%" in text


def test_the_qr_code_is_the_verification_url(course, tmp_path):
    certificate = make_certificate(course)

    image = page_image(render_certificate(certificate), tmp_path)
    codes = zxingcpp.read_barcodes(image)

    assert [code.text for code in codes] == [verification_url("K7Q2M9X4TW8R")]
    assert codes[0].text.startswith(settings.WAGTAILADMIN_BASE_URL)
    assert "/certificates/verify/K7Q2M9X4TW8R/" in codes[0].text


def test_every_font_is_embedded_including_cyrillic_and_arabic(course, tmp_path):
    certificate = make_certificate(course, name="Amina Ширяева أمينة Ōkafor")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(render_certificate(certificate))

    listing = programs.run(
        "pdffonts", path, capture_output=True, text=True
    ).stdout.splitlines()[2:]

    assert len(listing) >= 3
    for line in listing:
        # name, type..., emb, sub, uni, object id: "emb" is the 5th field from the end.
        assert line.split()[-5] == "yes", line
    assert "Ширяева" in pdf_text(path.read_bytes())


def test_it_is_a_tagged_pdf_ua_document_with_title_and_language(course):
    certificate = make_certificate(course, language="fr")
    pdf = render_certificate(certificate)  # once: a render takes ~0.5 s

    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]

    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "fr"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    # The title and the date are in the certificate's language.
    assert reader.metadata.title == (
        "Certificat – ICT strategy for senior managers – Amina Diallo"
    )
    assert "14 mars 2026" in flat(pdf_text(pdf))


# Wording in the certificate's language -------------------------------------------


def test_a_french_certificate_of_the_default_template_is_all_french(course):
    certificate = make_certificate(course, language="fr")

    pdf = render_certificate(certificate)
    text = flat(pdf_text(pdf))

    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "fr"
    assert "CERTIFICAT DE RÉUSSITE" in text  # titles print in capitals
    assert (
        "Le présent certificat atteste que Amina Diallo a achevé la formation "
        "ICT strategy for senior managers le 14 mars 2026, un programme de 6 heures."
    ) in text
    assert "CERTIFICATE OF COMPLETION" not in text.upper()
    assert "This is to certify" not in text


@pytest.fixture
def leadership(course):
    """A template for the course with its own English wording and a French one."""
    template = CertificateTemplate.objects.create(
        name="Leadership",
        title_wording="Certificate of achievement",
        body_wording="{learner_name} completed {course}.",
    )
    template.courses.add(course)
    template.save()
    CertificateWording.objects.create(
        template=template,
        language="fr",
        title_wording="Attestation de réussite",
        body_wording="{learner_name} a terminé {course}.",
    )
    return template


def test_a_templates_french_wording_prints_on_french_certificates_only(
    course, leadership
):
    french = make_certificate(course, language="fr", code="FRENCH000001")
    english = make_certificate(course, language="en", code="ENGLISH00001")

    french_text = flat(pdf_text(render_certificate(french)))
    english_text = flat(pdf_text(render_certificate(english)))

    assert "ATTESTATION DE RÉUSSITE" in french_text
    assert "Amina Diallo a terminé ICT strategy for senior managers." in french_text
    assert "CERTIFICATE OF ACHIEVEMENT" not in french_text.upper()
    assert "CERTIFICATE OF ACHIEVEMENT" in english_text
    assert "Amina Diallo completed ICT strategy for senior managers." in english_text
    assert "ATTESTATION" not in english_text.upper()


def test_an_authors_own_wording_without_a_translation_prints_as_written(course):
    template = ensure_default_template()
    template.title_wording = "Certificate of attendance"
    template.save()

    text = flat(pdf_text(render_certificate(make_certificate(course, language="fr"))))

    assert "CERTIFICATE OF ATTENDANCE" in text
    assert "Le présent certificat atteste que Amina Diallo" in text


@pytest.fixture
def listener():
    """A socket listening on a free port: nothing may connect to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server
    server.close()


def connections(server):
    try:
        connection, _address = server.accept()
    except BlockingIOError:
        return 0
    connection.close()
    return 1


def test_markup_in_a_name_prints_as_text_and_fetches_nothing(course, listener):
    port = listener.getsockname()[1]
    markup = f'<img src="http://127.0.0.1:{port}/x">'
    style = f"<style>@import url(http://127.0.0.1:{port}/y.css);</style>"
    certificate = make_certificate(course, name=markup, course_title=style)
    template = template_for_course(course)
    template.title_wording = f'<link rel="stylesheet" href="http://127.0.0.1:{port}/">'
    template.save()
    Signatory.objects.create(
        template=template, name=f"<iframe src='http://127.0.0.1:{port}/'>", title="T"
    )

    text = squash(pdf_text(render_certificate(certificate)))

    assert squash(markup) in text
    assert squash(style) in text
    assert f"<iframesrc='http://127.0.0.1:{port}/'>" in text
    assert connections(listener) == 0


def test_placeholders_are_plain_words_never_code(course):
    template = ensure_default_template()
    template.body_wording = (
        "Awarded to {learner_name} for {course}. "
        "{learner_name.__class__} {{ settings.SECRET_KEY }} {unknown} {score}"
    )
    template.save()
    certificate = make_certificate(course, name="{course}")

    text = flat(pdf_text(render_certificate(certificate)))

    assert "Awarded to {course} for ICT strategy for senior managers." in text
    assert "{learner_name.__class__} {{ settings.SECRET_KEY }} {unknown}" in text
    assert settings.SECRET_KEY not in text
    assert "<class" not in text


def test_fill_placeholders_replaces_known_words_only():
    values = {"learner_name": "{hours}", "hours": "6"}

    assert fill_placeholders("{learner_name}: {hours} {x} {hours", values) == (
        "{hours}: 6 {x} {hours"
    )


@pytest.mark.parametrize(
    ("paper", "orientation", "size"),
    [
        (PaperSize.A4, Orientation.LANDSCAPE, (842, 595)),
        (PaperSize.A4, Orientation.PORTRAIT, (595, 842)),
        (PaperSize.LETTER, Orientation.LANDSCAPE, (792, 612)),
        (PaperSize.LETTER, Orientation.PORTRAIT, (612, 792)),
    ],
)
def test_paper_and_orientation_set_the_page_size(paper, orientation, size):
    template = CertificateTemplate.objects.create(
        name="Sizes", paper_size=paper, orientation=orientation
    )

    pages = PdfReader(io.BytesIO(render_sample(template))).pages

    assert len(pages) == 1
    box = pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_a_long_name_and_course_still_fit_one_page(course):
    name = "Maria-Fernanda Gutiérrez de la Torre y Nguyễn-Okafor Abdulrahman"
    title = "Information and communication technologies as a strategic tool " * 2
    certificate = make_certificate(course, name=name, course_title=title.strip())

    pages = PdfReader(io.BytesIO(render_certificate(certificate))).pages

    assert len(pages) == 1
    assert squash(name) in squash(pages[0].extract_text())


def test_logo_and_signature_images_come_from_the_media_storage(course):
    template = CertificateTemplate.objects.create(
        name="With images", logo=make_image("Logo", size=(300, 300))
    )
    Signatory.objects.create(
        template=template,
        name="Ana Ruiz",
        title="Director",
        signature=make_image("Signature", size=(600, 200)),
    )

    pdf = render_sample(template)

    images = [
        image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images
    ]
    # The logo and the signature (the QR code is vector art).
    assert len(images) == 2
    assert "Ana Ruiz" in pdf_text(pdf)


def test_a_course_named_by_a_template_uses_it_others_the_default(course):
    other = make_course("Joint procurement")
    special = CertificateTemplate.objects.create(name="Procurement")
    special.courses.add(other)
    special.save()

    assert template_for_course(other) == special
    assert template_for_course(course) == ensure_default_template()
    assert template_for_course(course).is_default


def test_the_default_template_exists_after_migrate_and_is_made_once():
    default = CertificateTemplate.objects.get(is_default=True)

    assert ensure_default_template() == default
    assert CertificateTemplate.objects.filter(is_default=True).count() == 1
    assert default.signatories.count() == 2
    editors = Permission.objects.filter(
        group__name="Course editors", codename="change_certificatetemplate"
    )
    assert editors.exists()


def test_the_default_is_made_again_when_it_was_deleted():
    CertificateTemplate.objects.all().delete()

    template = ensure_default_template()

    assert template.is_default
    assert CertificateTemplate.objects.count() == 1


# The URL fetcher -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "https://example.org/logo.png",
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/learning/static/css/site.css",
        f"{STATIC_ORIGIN}../../settings/base.py",
        f"{STATIC_ORIGIN}certificates/..%2F..%2Fmodels.py",
        f"{STATIC_ORIGIN}no/such/file.css",
        "https://static.certificate.invalid.example.org/certificates/certificate.css",
        "data:text/css;base64,Ym9keXt9",
        "ftp://example.org/x",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(RefusedURL):
        CertificateURLFetcher().fetch(url)


def test_the_fetcher_serves_static_files_and_its_own_data_urls():
    allowed = "data:image/svg+xml;base64,PHN2Zy8+"
    fetcher = CertificateURLFetcher([allowed])

    css = fetcher.fetch(f"{STATIC_ORIGIN}certificates/certificate.css")
    font = fetcher.fetch(f"{STATIC_ORIGIN}fonts/noto-sans-latin-400-normal.woff2")

    assert css.content_type == "text/css"
    assert b".sheet" in css.read()
    assert font.read()[:4] == b"\x00\x01\x00\x00"  # served as TrueType
    assert fetcher.fetch(allowed).read() == b"<svg/>"


# The admin preview ------------------------------------------------------------


def test_an_editor_previews_a_template_as_a_sample_pdf(client):
    template = ensure_default_template()
    client.force_login(UserFactory(groups=["Course editors"]))

    response = client.get(f"/admin/certificate-templates/{template.pk}/preview.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    text = flat(pdf_text(response.content))
    assert "Amina Diallo" in text
    assert "Sample: not a certificate".upper() in text.upper()


def test_the_preview_follows_the_editors_language(client, leadership):
    from wagtail.users.models import UserProfile

    editor = UserFactory(groups=["Course editors"])
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(editor)

    response = client.get(f"/admin/certificate-templates/{leadership.pk}/preview.pdf")

    text = flat(pdf_text(response.content))
    assert "ATTESTATION DE RÉUSSITE" in text
    assert "Amina Diallo a terminé" in text


def test_the_edit_screen_links_to_the_preview(client):
    template = ensure_default_template()
    client.force_login(UserFactory(groups=["Course authors"]))

    response = client.get(f"/admin/certificate-templates/edit/{template.pk}/")

    assert response.status_code == 200
    assert f"/admin/certificate-templates/{template.pk}/preview.pdf" in response.text


def test_a_learner_gets_no_preview(client):
    template = ensure_default_template()
    client.force_login(UserFactory())

    response = client.get(f"/admin/certificate-templates/{template.pk}/preview.pdf")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert response.get("Content-Type") != "application/pdf"


def test_admin_users_without_template_rights_get_no_preview(client):
    template = ensure_default_template()
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(f"/admin/certificate-templates/{template.pk}/preview.pdf")

    assert response.get("Content-Type") != "application/pdf"
    assert response.status_code in (302, 403)


def test_an_unknown_template_is_a_404(client):
    client.force_login(UserFactory(groups=["Course editors"]))

    response = client.get("/admin/certificate-templates/999999/preview.pdf")

    assert response.status_code == 404


def test_an_editor_adds_a_default_template_for_a_course(client, course):
    old = ensure_default_template()
    client.force_login(UserFactory(groups=["Course editors"]))

    response = client.post(
        "/admin/certificate-templates/add/",
        {
            "name": "Leadership",
            "title_wording": "Certificate of achievement",
            "body_wording": "{learner_name} completed {course}.",
            "accent_colour": "#0a6fa8",
            "paper_size": "letter",
            "orientation": "portrait",
            "is_default": "on",
            "courses": [course.pk],
            "signatories-TOTAL_FORMS": "1",
            "signatories-INITIAL_FORMS": "0",
            "signatories-MIN_NUM_FORMS": "0",
            "signatories-MAX_NUM_FORMS": "1000",
            "signatories-0-name": "Ana Ruiz",
            "signatories-0-title": "Director",
            "signatories-0-ORDER": "1",
            "wordings-TOTAL_FORMS": "0",
            "wordings-INITIAL_FORMS": "0",
            "wordings-MIN_NUM_FORMS": "0",
            "wordings-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    new = CertificateTemplate.objects.get(name="Leadership")
    old.refresh_from_db()
    assert new.is_default and not old.is_default
    assert template_for_course(course) == new
    assert [s.name for s in new.signatories.all()] == ["Ana Ruiz"]


def template_form(wordings=(), **fields):
    """The add form of a template, with wordings in other languages."""
    data = {
        "name": "Leadership",
        "title_wording": "Certificate of achievement",
        "body_wording": "{learner_name} completed {course}.",
        "accent_colour": "#0a6fa8",
        "paper_size": "A4",
        "orientation": "landscape",
        "signatories-TOTAL_FORMS": "0",
        "signatories-INITIAL_FORMS": "0",
        "signatories-MIN_NUM_FORMS": "0",
        "signatories-MAX_NUM_FORMS": "1000",
        "wordings-TOTAL_FORMS": str(len(wordings)),
        "wordings-INITIAL_FORMS": "0",
        "wordings-MIN_NUM_FORMS": "0",
        "wordings-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for number, (language, title, body) in enumerate(wordings):
        data[f"wordings-{number}-language"] = language
        data[f"wordings-{number}-title_wording"] = title
        data[f"wordings-{number}-body_wording"] = body
        data[f"wordings-{number}-ORDER"] = str(number + 1)
    return data


def test_an_editor_adds_a_french_wording_to_a_template(client):
    client.force_login(UserFactory(groups=["Course editors"]))

    response = client.post(
        "/admin/certificate-templates/add/",
        template_form(
            [("fr", "Attestation de réussite", "{learner_name} a terminé {course}.")]
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    [wording] = CertificateTemplate.objects.get(name="Leadership").wordings.all()
    assert (wording.language, wording.title_wording) == (
        "fr",
        "Attestation de réussite",
    )


@pytest.mark.parametrize(
    ("english_body", "french_body"),
    [
        ("{learner_name} completed {course}.", "{nom} a terminé {formation}."),
        ("{learner_name} completed {cours}.", "{learner_name} a terminé {course}."),
    ],
)
def test_a_wording_naming_an_unknown_placeholder_is_refused(
    client, english_body, french_body
):
    client.force_login(UserFactory(groups=["Course editors"]))

    response = client.post(
        "/admin/certificate-templates/add/",
        template_form([("fr", "Attestation", french_body)], body_wording=english_body),
    )

    assert response.status_code == 200
    assert "Unknown placeholders" in response.text
    assert not CertificateTemplate.objects.filter(name="Leadership").exists()


def test_one_wording_per_language(client):
    client.force_login(UserFactory(groups=["Course editors"]))
    french = ("fr", "Attestation", "{learner_name} a terminé {course}.")

    response = client.post(
        "/admin/certificate-templates/add/", template_form([french, french])
    )

    assert response.status_code == 200
    assert "duplicate data for template and language" in response.text
    assert not CertificateTemplate.objects.filter(name="Leadership").exists()
