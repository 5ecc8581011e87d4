"""What each report exports: its columns and its rows (tuples, fetched in chunks
from a server-side cursor where the database has one)."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from .completion import COLUMNS
from .filters import CompletionReport
from .models import ReportKind

CHUNK_SIZE = 2000


def completion_values(rows):
    """The report's rows as tuples in the order of COLUMNS."""
    values = rows.values_list(*[column.key for column in COLUMNS])
    return values.iterator(chunk_size=CHUNK_SIZE)


def export_rows(export, *, now):
    """(columns, rows, sheet title) of an export job, as its requester may see
    them today."""
    if export.requested_by is None or not export.requested_by.is_active:
        raise PermissionError(_("The person who asked for this export is gone."))
    if export.report != ReportKind.COMPLETION:
        raise ValueError(f"No export job for the {export.report} report")
    rows = CompletionReport(
        export.requested_by, QueryDict(export.query), now=now
    ).rows()
    return COLUMNS, completion_values(rows), str(ReportKind.COMPLETION.label)
