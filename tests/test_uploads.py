"""Uploads in Wagtail's admin: images and documents have size and type limits, and
a hostile file is refused with a clear message and stores nothing. (The bulk
enrolment CSV and the certificate PDF check have their own tests, in
tests/progress/test_imports_admin.py and tests/certificates/test_public.py.)"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def png(size=(40, 30), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def zipped(name, content):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def upload(admin_client, kind, name, content):
    return admin_client.post(
        f"/admin/{kind}/add/",
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def errors_of(response):
    return " ".join(str(error) for error in response.context["form"].errors["file"])


def test_an_image_is_accepted(admin_client):
    response = upload(admin_client, "images", "diagram.png", png())

    assert response.status_code == 302
    assert get_image_model().objects.get().width == 40


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("diagram.png", b"<html><script>alert(1)</script>", "Upload a valid image"),
        ("diagram.jpg", png(), "The extension does not match the file format"),
        ("diagram.svg", b"<svg onload='alert(1)'/>", "Not a supported image format"),
        ("diagram.png", png() + b"\0" * 10 * MB, "This file is too big"),
        ("bomb.png", png((8000, 8000), mode="1"), "This file has too many pixels"),
    ],
    ids=["not-an-image", "disguised", "svg", "over-10-mb", "over-50-megapixels"],
)
def test_a_hostile_image_is_refused_and_nothing_stored(
    admin_client, name, content, message
):
    response = upload(admin_client, "images", name, content)

    assert response.status_code == 200  # Wagtail shows its form again
    assert message in errors_of(response)
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("checklist.pdf", b"%PDF-1.7\n%stand-in\n"),
        ("checklist.docx", zipped("word/document.xml", b"<w:document/>")),
        ("checklist.xlsx", zipped("xl/workbook.xml", b"<workbook/>")),
        ("checklist.pptx", zipped("ppt/presentation.xml", b"<p/>")),
        (
            "checklist.odt",
            zipped("mimetype", b"application/vnd.oasis.opendocument.text"),
        ),
        ("checklist.csv", b"step,owner\r\nPlan,Chef de projet\r\n"),
        ("checklist.txt", "\ufeffStandards d'interopérabilité\n".encode()),
    ],
)
def test_documents_of_each_kind_are_accepted(admin_client, name, content):
    response = upload(admin_client, "documents", name, content)

    assert response.status_code == 302
    assert get_document_model().objects.get().file.name.endswith(name[-4:])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("checklist.pdf", b"MZ\x90\x00 a program", "not a .pdf file"),
        ("checklist.pdf", b"<html><script>alert(1)</script>", "not a .pdf file"),
        ("checklist.docx", b"%PDF-1.7 renamed", "not a .docx file"),
        (
            "checklist.xlsx",
            zipped("word/document.xml", b"<w:document/>"),
            "not a .xlsx",
        ),
        ("checklist.odt", zipped("mimetype", b"application/zip"), "not a .odt file"),
        ("checklist.csv", b"step,owner\r\nPlan\x00,x\r\n", "not a .csv file"),
        ("checklist.csv", "étape\r\n".encode("cp1252"), "not a .csv file"),
        ("checklist.txt", png(), "not a .txt file"),
        ("checklist.html", b"<html></html>", "“html” is not allowed"),
        ("checklist.exe", b"MZ\x90\x00", "“exe” is not allowed"),
        ("checklist.pdf", b"%PDF-1.7\n" + b"0" * 20 * MB, "This file is too big"),
    ],
    ids=[
        "program-as-pdf",
        "html-as-pdf",
        "pdf-as-docx",
        "docx-as-xlsx",
        "zip-as-odt",
        "csv-with-nul",
        "csv-not-utf8",
        "image-as-txt",
        "html",
        "exe",
        "over-20-mb",
    ],
)
def test_a_hostile_document_is_refused_and_nothing_stored(
    admin_client, name, content, message
):
    response = upload(admin_client, "documents", name, content)

    assert response.status_code == 200  # Wagtail shows its form again
    assert message in errors_of(response)
    assert not get_document_model().objects.exists()


def test_replacing_a_documents_file_is_checked_too(admin_client):
    upload(admin_client, "documents", "checklist.pdf", b"%PDF-1.7\n")
    document = get_document_model().objects.get()

    response = admin_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": "Checklist",
            "file": SimpleUploadedFile("checklist.pdf", b"<html>renamed</html>"),
            "collection": document.collection_id,
        },
    )

    assert "not a .pdf file" in errors_of(response)
    document.refresh_from_db()
    assert document.file.read() == b"%PDF-1.7\n"
