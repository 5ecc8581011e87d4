"""The document upload form of Wagtail's admin (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Wagtail checks a document's extension and size; this form also checks that the
content is what the extension claims, so that a learner who downloads "checklist.pdf"
from a lesson gets a PDF, not a program or a web page renamed."""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

# Office files are ZIP archives holding a part that names their kind.
OFFICE_PARTS = {
    "docx": "word/document.xml",
    "pptx": "ppt/presentation.xml",
    "xlsx": "xl/workbook.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
TEXT_EXTENSIONS = {"csv", "txt"}


def is_office_file(upload, extension):
    try:
        with zipfile.ZipFile(upload) as archive:
            if extension == "odt":
                with archive.open("mimetype") as mimetype:
                    return mimetype.read(len(ODT_MIMETYPE) + 1) == ODT_MIMETYPE
            return OFFICE_PARTS[extension] in archive.namelist()
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def is_utf8_text(upload):
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def content_matches(upload, extension):
    """Does the file's content look like a file of this kind? Extensions outside
    WAGTAILDOCS_EXTENSIONS are left to Wagtail, which refuses them."""
    upload.seek(0)
    try:
        if extension == "pdf":
            return upload.read(5) == b"%PDF-"
        if extension in OFFICE_PARTS or extension == "odt":
            return is_office_file(upload, extension)
        if extension in TEXT_EXTENSIONS:
            return is_utf8_text(upload)
        return True
    finally:
        upload.seek(0)


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or "file" not in self.changed_data:
            return upload
        extension = PurePath(upload.name).suffix.lower().lstrip(".")
        if not content_matches(upload, extension):
            raise ValidationError(
                _(
                    "This file's content is not a .%(extension)s file. Upload the "
                    "document itself, saved in that format (text files as UTF-8)."
                )
                % {"extension": extension},
                code="content_mismatch",
            )
        return upload
