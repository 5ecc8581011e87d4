"""Report exports as CSV or XLSX, written row by row so that memory stays the same
whatever the number of rows.

Every export leaves a `ReportExport` row and an audit-log entry (who, which
filters, how many rows). Up to REPORT_EXPORT_INLINE_ROWS rows stream in the
response; beyond that, a Celery job writes the file into private storage and the
requester downloads it from the job's page until the link expires. Asking again
for an export that is still queued or running returns that job.
"""

import csv
import hashlib
import logging
import tempfile
import zoneinfo
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from learning.tasks_queue import publish_on_commit, requeue_waiting

from .models import ExportFormat, ExportStatus, ReportExport, ReportKind

logger = logging.getLogger(__name__)

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
STREAM_CHUNK = 64 * 1024
PROGRESS_EVERY = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {ExportFormat.CSV: "text/csv", ExportFormat.XLSX: XLSX_CONTENT_TYPE}


def neutralise(text):
    """Text a spreadsheet would run as a formula, made inert by a leading quote
    (shown by spreadsheets as text, the OWASP recommendation)."""
    if text and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


class RowWriter:
    """Turns rows of values (in the order of `columns`) into cells: dates in the
    requester's time zone, choices as their labels, text neutralised."""

    def __init__(self, columns, time_zone):
        self.columns = columns
        self.zone = zoneinfo.ZoneInfo(time_zone)
        self.labels = [
            {value: str(label) for value, label in column.choices.choices}
            if column.choices
            else None
            for column in columns
        ]

    def headings(self):
        zone = self.zone.key
        return [
            f"{column.heading} ({zone})"
            if column.kind == "datetime"
            else str(column.heading)
            for column in self.columns
        ]

    def csv_cells(self, row):
        cells = []
        for value, column, labels in zip(row, self.columns, self.labels, strict=True):
            if value is None:
                cells.append("")
            elif labels is not None:
                cells.append(labels.get(value, value))
            elif column.kind == "datetime":
                cells.append(value.astimezone(self.zone).strftime("%Y-%m-%d %H:%M"))
            elif column.kind == "number":
                cells.append(value)
            else:
                cells.append(neutralise(str(value)))
        return cells

    def xlsx_cells(self, row):
        cells = []
        for value, column, labels in zip(row, self.columns, self.labels, strict=True):
            if value is None:
                cells.append(None)
            elif labels is not None:
                cells.append(labels.get(value, value))
            elif column.kind == "datetime":
                # Excel has no time zones: the local time, named in the heading.
                cells.append(value.astimezone(self.zone).replace(tzinfo=None))
            elif column.kind == "number":
                cells.append(float(value) if isinstance(value, Decimal) else value)
            else:
                cells.append(neutralise(str(value)))
        return cells


class LineBuffer:
    """What csv.writer writes to: keeps the text until it is taken."""

    def __init__(self):
        self.parts = []
        self.size = 0

    def write(self, text):
        self.parts.append(text)
        self.size += len(text)

    def take(self):
        text = "".join(self.parts)
        self.parts, self.size = [], 0
        return text


def csv_chunks(rows, writer, on_progress=None):
    """The CSV as text chunks of about STREAM_CHUNK characters, for a streaming
    response or a file. A byte-order mark first, so that Excel reads UTF-8."""
    buffer = LineBuffer()
    out = csv.writer(buffer)
    buffer.write("\ufeff")
    out.writerow(writer.headings())
    count = 0
    for row in rows:
        out.writerow(writer.csv_cells(row))
        count += 1
        if buffer.size >= STREAM_CHUNK:
            yield buffer.take()
        if on_progress and count % PROGRESS_EVERY == 0:
            on_progress(count)
    yield buffer.take()


def write_csv(rows, writer, file, on_progress=None):
    for chunk in csv_chunks(rows, writer, on_progress):
        file.write(chunk.encode())


def write_xlsx(rows, writer, file, *, title, on_progress=None):
    """A write-only workbook: openpyxl writes each row to a temporary file as it
    comes (with inline strings), then zips it into `file`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(writer.headings())
    count = 0
    for row in rows:
        cells = []
        for value in writer.xlsx_cells(row):
            cell = WriteOnlyCell(sheet, value)
            if cell.data_type == "f":  # never a formula, whatever the text
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        count += 1
        if on_progress and count % PROGRESS_EVERY == 0:
            on_progress(count)
    workbook.save(file)


def write_export(rows, writer, file, export_format, *, title, on_progress=None):
    if export_format == ExportFormat.XLSX:
        write_xlsx(rows, writer, file, title=title, on_progress=on_progress)
    else:
        write_csv(rows, writer, file, on_progress)


def download_response(rows, columns, export_format, *, report, user, now):
    """Rows as a download in the response: CSV streams as it is written; XLSX is
    built in a temporary file (spilled to disk past a megabyte), then sent."""
    writer = RowWriter(columns, user_time_zone(user))
    name = file_name(report, export_format, now)
    if export_format == ExportFormat.CSV:
        response = StreamingHttpResponse(
            csv_chunks(rows, writer), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    file = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
    write_xlsx(rows, writer, file, title=str(ReportKind(report).label))
    file.seek(0)
    return FileResponse(
        file,
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES[ExportFormat.XLSX],
    )


def file_name(report, export_format, now):
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    return f"{report.replace('_', '-')}-{stamp}.{export_format}"


# The audit trail and the jobs


def fingerprint(user, report, export_format, query):
    text = f"{user.pk}|{report}|{export_format}|{query}"
    return hashlib.sha256(text.encode()).hexdigest()


def user_time_zone(user):
    zone = getattr(user, "time_zone", "") or settings.TIME_ZONE
    return zone if zone in zoneinfo.available_timezones() else "UTC"


def log_export(export, user):
    log(
        export,
        "reports.export",
        user=user,
        data={
            "report": export.report,
            "format": export.format,
            "filters": export.filters,
            "rows": export.rows_total,
            "streamed": export.status == ExportStatus.STREAMED,
        },
    )


def create_logged_export(
    user, *, report, export_format, query, filters, rows, now, **fields
):
    """The export's record and its audit entry, in one transaction."""
    with transaction.atomic():
        export = ReportExport.objects.create(
            requested_by=user,
            report=report,
            format=export_format,
            query=query,
            filters=filters,
            fingerprint=fingerprint(user, report, export_format, query),
            time_zone=user_time_zone(user),
            rows_total=rows,
            created_at=now,
            **fields,
        )
        log_export(export, user)
    return export


def record_streamed_export(user, *, rows, now, **details):
    """The record (and audit entry) of an export streamed in the response."""
    return create_logged_export(
        user,
        rows=rows,
        now=now,
        status=ExportStatus.STREAMED,
        rows_done=rows,
        finished_at=now,
        **details,
    )


def request_export(user, *, report, export_format, query, **details):
    """A job for this export, queued on commit, and True; or the same export
    still queued or running for this user, and False. `details`: filters, rows,
    now."""
    from . import tasks

    key = fingerprint(user, report, export_format, query)
    unfinished = ReportExport.objects.unfinished().filter(
        requested_by=user, fingerprint=key
    )
    if existing := unfinished.first():
        return existing, False
    try:
        export = create_logged_export(
            user, report=report, export_format=export_format, query=query, **details
        )
    except IntegrityError:  # the same request, a moment earlier
        return unfinished.get(), False
    # With the task queue away, the job stays queued and the sweep queues it.
    publish_on_commit(tasks.run_report_export, export.pk)
    return export, True


def requeue_waiting_exports(*, now):
    """Queue again the export jobs still queued a few minutes after they were asked
    for (their task could not be queued, or was lost); fail those queued for too
    long. Returns (queued, failed)."""
    from . import tasks

    return requeue_waiting(
        ReportExport.objects.filter(status=ExportStatus.QUEUED),
        since="created_at",
        task=tasks.run_report_export,
        now=now,
        give_up={
            "status": ExportStatus.FAILED,
            "error": _(
                "The task queue was unavailable for too long to prepare this "
                "export. Ask for it again."
            ),
            "finished_at": now,
        },
    )


def run_export(export_id, *, now=None, restart_running=True):
    """Write the export's file. A queued job is started; one left running is
    started again from scratch only when `restart_running` (the task passes it
    for a task redelivered because its worker died, so that a duplicate of the
    task never runs the job twice at once); a finished one is left alone."""
    from .sources import export_rows

    now = now or timezone.now()
    startable = [ExportStatus.QUEUED]
    if restart_running:
        startable.append(ExportStatus.RUNNING)
    claimed = ReportExport.objects.filter(pk=export_id, status__in=startable).update(
        status=ExportStatus.RUNNING, started_at=now, rows_done=0
    )
    if not claimed:
        return None
    export = ReportExport.objects.select_related("requested_by").get(pk=export_id)

    def on_progress(count):
        ReportExport.objects.filter(pk=export.pk).update(rows_done=count)

    try:
        with timezone.override(export.time_zone):
            columns, rows, title = export_rows(export, now=now)
            writer = RowWriter(columns, export.time_zone)
            with tempfile.TemporaryFile() as file:
                counter = Counted(rows)
                write_export(
                    counter,
                    writer,
                    file,
                    export.format,
                    title=title,
                    on_progress=on_progress,
                )
                file.seek(0)
                name = file_name(export.report, export.format, now)
                export.file.save(name, File(file), save=False)
    except Exception as error:  # noqa: BLE001 (the job page says it failed)
        logger.exception("Report export %s failed", export.pk)
        ReportExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED,
            error=str(error)[:1000] or error.__class__.__name__,
            finished_at=timezone.now(),
        )
        return None
    finished = timezone.now()
    ReportExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.DONE,
        file=export.file.name,
        rows_done=counter.count,
        rows_total=counter.count,
        finished_at=finished,
        expires_at=finished + timedelta(hours=settings.REPORT_EXPORT_LINK_HOURS),
    )
    export.refresh_from_db()
    return export


class Counted:
    """Iterates rows and counts them."""

    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def delete_expired_files(now):
    """Expired exports keep their row (the audit trail) but lose their file."""
    expired = ReportExport.objects.filter(expires_at__lte=now).exclude(file="")
    count = 0
    for export in expired.iterator():
        export.file.delete(save=False)
        ReportExport.objects.filter(pk=export.pk).update(file="")
        count += 1
    return count
