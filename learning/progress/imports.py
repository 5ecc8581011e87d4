"""Bulk enrolment from a CSV file: read and check the file, plan every row, then
apply the plan in one transaction (all rows or none).

The life of an import: `create_import` stores the decoded file (status
*validating*) and checks it, inline for small files and in a Celery task for large
ones; `validate_import` writes the per-row report (status *ready* or *invalid*);
`start_apply` moves a ready import to *applying* (once, however many clicks) and
`apply_import` enrols everyone (status *done*) or nothing (status *failed*).

Due dates are the end of the given day in UTC (23:59:59): a learner due on
2027-03-31 is on time anywhere on Earth until that day has ended in UTC.
"""

import csv
import datetime
import io
import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log

from learning.accounts.models import Organisation
from learning.tasks_queue import publish_on_commit, requeue_waiting

from .models import (
    Enrolment,
    EnrolmentImport,
    EnrolmentImportStatus,
    EnrolmentSource,
)

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("email",)
OPTIONAL_COLUMNS = ("full_name", "organisation", "due_date")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FULL_NAME_MAX_LENGTH = 150
# Validation writes its progress this often (rows).
PROGRESS_EVERY = 250
# Users and enrolments are looked up this many emails at a time.
LOOKUP_CHUNK = 500

# Outcomes of a row.
CREATE = "create"  # a new person: account created, invited and enrolled
ENROL = "enrol"  # an existing person, enrolled
DUE_CHANGE = "due_change"  # already enrolled: the due date changes
UNCHANGED = "unchanged"  # already enrolled: nothing changes
ERROR = "error"
OUTCOMES = (CREATE, ENROL, DUE_CHANGE, UNCHANGED, ERROR)
OUTCOME_LABELS = {
    CREATE: gettext_lazy("New account, invited by email and enrolled"),
    ENROL: gettext_lazy("Enrolled"),
    DUE_CHANGE: gettext_lazy("Already enrolled: new due date"),
    UNCHANGED: gettext_lazy("Already enrolled: no change"),
    ERROR: gettext_lazy("Refused (error)"),
}


def max_rows():
    return settings.ENROLMENT_IMPORT_MAX_ROWS


def max_bytes():
    return settings.ENROLMENT_IMPORT_MAX_BYTES


def inline_rows():
    """Imports with more rows than this are checked and applied in the background."""
    return settings.ENROLMENT_IMPORT_INLINE_ROWS


def can_import(user):
    return user.is_active and (
        user.is_superuser or user.has_perm("progress.add_enrolment")
    )


def end_of_day(date):
    """The moment a learner due on `date` becomes late: the end of that day, UTC."""
    return datetime.datetime.combine(
        date, datetime.time(23, 59, 59), tzinfo=datetime.UTC
    )


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says why."""


def expected_columns_text():
    return _(
        "The columns are: email (required), full_name, organisation (an acronym) "
        "and due_date (YYYY-MM-DD)."
    )


# --- Reading the file ------------------------------------------------------------


def decode(data):
    """The text of an uploaded file (UTF-8, with or without a byte order mark)."""
    if len(data) > max_bytes():
        raise ImportFileError(
            _(
                "The file is %(size)s MB; at most %(limit)s MB can be imported at "
                "once. Split it into smaller files."
            )
            % {
                "size": f"{len(data) / 1024 / 1024:.1f}",
                "limit": f"{max_bytes() / 1024 / 1024:.0f}",
            }
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not UTF-8 text: save the file as CSV UTF-8 (in Excel: "
                "File › Save a copy › “CSV UTF-8 (comma delimited)”) and upload it "
                "again."
            )
        ) from error
    if "\x00" in text:
        raise ImportFileError(
            _("This is not a CSV file. Save the spreadsheet as CSV UTF-8.")
        )
    return text


@dataclass
class Row:
    line: int  # as a spreadsheet numbers it: the header is line 1
    cells: dict
    extra_cells: bool = False


def read_rows(text):
    """The rows of a CSV text with the expected columns, or ImportFileError."""
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        names = [name.strip().lower() for name in header]
        positions = check_header(names)
        rows = []
        for line, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue  # a blank line
            cells = {
                name: values[index] if index < len(values) else ""
                for name, index in positions.items()
            }
            extra = any(
                value.strip()
                for index, value in enumerate(values)
                if index >= len(names) or not names[index]
            )
            rows.append(Row(line=line, cells=cells, extra_cells=extra))
            if len(rows) > max_rows():
                raise ImportFileError(
                    _(
                        "The file has more than %(limit)s rows, the most one import "
                        "takes. Split it into smaller files."
                    )
                    % {"limit": f"{max_rows():,}"}
                )
    except csv.Error as error:
        raise ImportFileError(
            _("The file could not be read as CSV near line %(line)s (%(error)s).")
            % {"line": reader.line_num, "error": error}
        ) from error
    if not rows:
        raise ImportFileError(
            _("The file has no rows below its header: add one person per line.")
        )
    return rows


def check_header(names):
    """Each expected column's position in the header."""
    if all(not name for name in names):
        raise ImportFileError(
            _("The first line must name the columns. %(columns)s")
            % {"columns": expected_columns_text()}
        )
    problems = []
    if "email" not in names:
        problems.append(_("The file has no “email” column."))
    if unknown := [name for name in names if name and name not in COLUMNS]:
        problems.append(
            _("Unknown columns: %(unknown)s.") % {"unknown": ", ".join(unknown)}
        )
    if problems:
        raise ImportFileError(" ".join([*problems, expected_columns_text()]))
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise ImportFileError(
            _("These columns appear more than once: %(repeated)s.")
            % {"repeated": ", ".join(repeated)}
        )
    return {name: names.index(name) for name in COLUMNS if name in names}


# --- Planning: what each row will do -----------------------------------------------


@dataclass
class RowPlan:
    line: int
    cells: dict
    email: str = ""
    outcome: str = ""
    reasons: list = field(default_factory=list)
    user: object = None
    organisation: object = None
    due_at: datetime.datetime | None = None
    enrolment: object = None

    def refuse(self, reason):
        self.reasons.append(reason)

    def as_report(self):
        entry = {"line": self.line, "email": self.email, "outcome": self.outcome}
        if self.outcome == ERROR:
            entry["reasons"] = self.reasons
            entry["cells"] = self.cells
        elif self.due_at:
            entry["due_date"] = self.due_at.date().isoformat()
        return entry


@dataclass
class Plan:
    rows: list

    @property
    def counts(self):
        counts = dict.fromkeys(OUTCOMES, 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def has_errors(self):
        return any(row.outcome == ERROR for row in self.rows)


def formula_reason(column, value):
    first = value[:1]
    shown = {"\t": _("a tab"), "\r": _("a line break")}.get(first, f"“{first}”")
    return _(
        "“%(column)s” starts with %(character)s: a spreadsheet would run it as a "
        "formula, so it is refused. Remove that character."
    ) % {"column": column, "character": shown}


def parse_due_date(value, row, *, now):
    if not DATE_FORMAT.match(value):
        row.refuse(
            _("The due date “%(value)s” is not a date in the form YYYY-MM-DD.")
            % {"value": value}
        )
        return None
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:
        row.refuse(_("The due date “%(value)s” does not exist.") % {"value": value})
        return None
    if end_of_day(date) < now:
        row.refuse(
            _("The due date %(value)s is in the past.") % {"value": date.isoformat()}
        )
        return None
    return end_of_day(date)


class Planner:
    """Checks rows against the database, a chunk at a time, for one uploader and
    course."""

    def __init__(self, *, uploader, course_key, default_due_date, now):
        self.uploader = uploader
        self.course_key = course_key
        self.now = now
        self.default_due_at = end_of_day(default_due_date) if default_due_date else None
        self.organisations = {
            org.acronym.lower(): org for org in Organisation.objects.all()
        }
        self.managed = set(
            Organisation.objects.managed_by(uploader).values_list("pk", flat=True)
        )
        self.seen = {}  # email -> first line

    def plan(self, rows, progress=None):
        planned = []
        for start in range(0, len(rows), LOOKUP_CHUNK):
            planned.extend(self.plan_chunk(rows[start : start + LOOKUP_CHUNK]))
            if progress:
                progress(len(planned))
        return Plan(planned)

    def plan_chunk(self, rows):
        plans = [self.check_cells(row) for row in rows]
        emails = {plan.email for plan in plans if plan.email}
        users = {
            user.email: user
            for user in get_user_model().objects.filter(email__in=emails)
        }
        enrolments = {
            enrolment.learner_id: enrolment
            for enrolment in Enrolment.objects.active().filter(
                course_key=self.course_key, learner__in=users.values()
            )
        }
        for plan in plans:
            self.check_person(plan, users.get(plan.email), enrolments)
            plan.outcome = ERROR if plan.reasons else plan.outcome
        return plans

    def check_cells(self, row):
        plan = RowPlan(line=row.line, cells=row.cells)
        plan.email = row.cells.get("email", "").strip().lower()
        for column, value in row.cells.items():
            if value.startswith(FORMULA_PREFIXES):
                plan.refuse(formula_reason(column, value))
        if row.extra_cells:
            plan.refuse(
                _("This row has values in columns that the header does not name.")
            )
        if plan.reasons:
            return plan
        if not plan.email:
            plan.refuse(_("The email address is missing."))
        else:
            try:
                validate_email(plan.email)
            except ValidationError:
                plan.refuse(
                    _("“%(email)s” is not a valid email address.")
                    % {"email": plan.email}
                )
            else:
                if plan.email in self.seen:
                    plan.refuse(
                        _(
                            "%(email)s is already on line %(line)s: list each "
                            "person once."
                        )
                        % {"email": plan.email, "line": self.seen[plan.email]}
                    )
                else:
                    self.seen[plan.email] = plan.line
        if len(row.cells.get("full_name", "").strip()) > FULL_NAME_MAX_LENGTH:
            plan.refuse(
                _("The full name is longer than %(max)s characters.")
                % {"max": FULL_NAME_MAX_LENGTH}
            )
        if acronym := row.cells.get("organisation", "").strip():
            plan.organisation = self.organisations.get(acronym.lower())
            if plan.organisation is None:
                plan.refuse(
                    _("No organisation has the acronym “%(acronym)s”.")
                    % {"acronym": acronym}
                )
            elif plan.organisation.pk not in self.managed:
                plan.refuse(
                    _("You do not manage the organisation %(acronym)s.")
                    % {"acronym": plan.organisation.acronym}
                )
        if due := row.cells.get("due_date", "").strip():
            plan.due_at = parse_due_date(due, plan, now=self.now)
        elif self.default_due_at:
            if self.default_due_at < self.now:
                plan.refuse(_("The default due date is in the past."))
            plan.due_at = self.default_due_at
        return plan

    def check_person(self, plan, user, enrolments):
        if not plan.email or (plan.reasons and user is None):
            return
        if user is None:
            if plan.organisation is None and not self.uploader.is_superuser:
                plan.refuse(
                    _(
                        "%(email)s has no account yet: give their organisation "
                        "(one you manage) in the “organisation” column."
                    )
                    % {"email": plan.email}
                )
            plan.outcome = CREATE
            return
        plan.user = user
        if not user.is_active:
            plan.refuse(_("This person’s account is deactivated."))
        elif user.organisation_id not in self.managed:
            plan.refuse(_("This person belongs to an organisation you do not manage."))
        enrolment = enrolments.get(user.pk)
        plan.enrolment = enrolment
        if enrolment is None:
            plan.outcome = ENROL
        elif plan.due_at and plan.due_at != enrolment.due_at:
            plan.outcome = DUE_CHANGE
        else:
            plan.outcome = UNCHANGED


def course_of(imp):
    """The import's course if it is still live, else ImportFileError."""
    course = imp.course
    if course is None or not course.live:
        raise ImportFileError(
            _("The course is no longer published: choose another course.")
        )
    return course


def plan_import(imp, *, now, progress=None):
    course_of(imp)
    if imp.uploaded_by is None or not can_import(imp.uploaded_by):
        raise ImportFileError(_("The person who uploaded this file may not enrol."))
    rows = read_rows(imp.csv_text)
    planner = Planner(
        uploader=imp.uploaded_by,
        course_key=imp.course_key,
        default_due_date=imp.default_due_date,
        now=now,
    )
    return planner.plan(rows, progress=progress)


# --- Services ------------------------------------------------------------------------


def create_import(*, uploaded_by, course, filename, data, default_due_date, now):
    """Store an uploaded file and check it: inline when it is small, otherwise in
    the background once this transaction commits. Raises ImportFileError when the
    file as a whole cannot be read (nothing is stored then)."""
    text = decode(data)
    rows = read_rows(text)
    imp = EnrolmentImport.objects.create(
        uploaded_by=uploaded_by,
        course=course,
        course_key=course.translation_key,
        filename=filename[:255],
        csv_text=text,
        default_due_date=default_due_date,
        rows_total=len(rows),
        created_at=now,
    )
    if len(rows) <= inline_rows():
        validate_import(imp.pk, now=now)
        imp.refresh_from_db()
    else:
        from .tasks import validate_enrolment_import

        # With the task queue away, the import stays *validating* and the sweep
        # queues its check.
        publish_on_commit(validate_enrolment_import, imp.pk)
    return imp


def validate_import(import_id, *, now):
    """Check every row and store the report. Idempotent: an import already checked
    is left as it is."""
    imp = EnrolmentImport.objects.filter(pk=import_id).first()
    if imp is None or imp.status != EnrolmentImportStatus.VALIDATING:
        return imp
    pending = EnrolmentImport.objects.filter(
        pk=import_id, status=EnrolmentImportStatus.VALIDATING
    )
    last_written = 0

    def progress(done):
        nonlocal last_written
        if done - last_written >= PROGRESS_EVERY:
            pending.update(rows_processed=done)
            last_written = done

    try:
        plan = plan_import(imp, now=now, progress=progress)
    except ImportFileError as error:
        pending.update(status=EnrolmentImportStatus.INVALID, error_message=str(error))
    except Exception as error:  # noqa: BLE001 - the import shows why it failed
        logger.exception("Enrolment import %s could not be checked", import_id)
        pending.update(
            status=EnrolmentImportStatus.FAILED,
            error_message=_("The file could not be checked (%(error)s).")
            % {"error": error},
        )
    else:
        pending.update(
            status=(
                EnrolmentImportStatus.INVALID
                if plan.has_errors
                else EnrolmentImportStatus.READY
            ),
            rows_total=len(plan.rows),
            rows_processed=len(plan.rows),
            report=[row.as_report() for row in plan.rows],
            counts=plan.counts,
            error_message="",
        )
    imp.refresh_from_db()
    return imp


class ImportNotReady(Exception):
    pass


def start_apply(imp, *, by, now):
    """Move a ready import to *applying* and apply it: inline when small, otherwise
    in the background after commit. A second click (or a second tab) finds it no
    longer ready and raises ImportNotReady."""
    with transaction.atomic():
        locked = EnrolmentImport.objects.select_for_update().get(pk=imp.pk)
        if locked.status != EnrolmentImportStatus.READY:
            raise ImportNotReady(locked.get_status_display())
        locked.status = EnrolmentImportStatus.APPLYING
        # When applying began, until it is done (then when it was applied): the
        # sweep measures from it how long the import has waited.
        locked.applied_at = now
        locked.save(update_fields=["status", "applied_at"])
        if locked.rows_total > inline_rows():
            from .tasks import apply_enrolment_import

            publish_on_commit(apply_enrolment_import, locked.pk)
    if locked.rows_total <= inline_rows():
        return apply_import(locked.pk, now=now)
    return locked


def requeue_waiting_imports(*, now):
    """Queue again the checks and applications of imports still waiting a few
    minutes after they were asked for (their task could not be queued, or was
    lost); fail those that waited too long (nothing was applied). Returns
    {"validating": (queued, failed), "applying": (queued, failed)}."""
    from .tasks import apply_enrolment_import, validate_enrolment_import

    Status = EnrolmentImportStatus
    return {
        "validating": requeue_waiting(
            EnrolmentImport.objects.filter(status=Status.VALIDATING),
            since="created_at",
            task=validate_enrolment_import,
            now=now,
            give_up={
                "status": Status.FAILED,
                "error_message": _(
                    "The task queue was unavailable for too long to check this "
                    "file: upload it again."
                ),
            },
        ),
        "applying": requeue_waiting(
            EnrolmentImport.objects.filter(status=Status.APPLYING),
            since="applied_at",
            task=apply_enrolment_import,
            now=now,
            give_up={
                "status": Status.FAILED,
                "error_message": _(
                    "The task queue was unavailable for too long to apply this "
                    "import: upload the file again."
                ),
            },
        ),
    }


class ImportChanged(Exception):
    pass


def apply_import(import_id, *, now):
    """Enrol every row of an import in one transaction; if anything fails, nothing
    is applied and the import is marked failed with the reason. Idempotent: only an
    import in *applying* is applied, and it leaves that state for good."""
    try:
        with transaction.atomic():
            imp = (
                # Lock the import row only (PostgreSQL cannot lock the nullable
                # side of the outer join to the course).
                EnrolmentImport.objects.select_for_update(of=("self",))
                .select_related("uploaded_by", "course")
                .get(pk=import_id)
            )
            if imp.status != EnrolmentImportStatus.APPLYING:
                return imp
            plan = plan_import(imp, now=now)
            if plan.has_errors:
                raise ImportChanged(
                    ngettext(
                        "Something changed since the file was checked: %(count)s "
                        "row is no longer valid. Upload the file again to see why.",
                        "Something changed since the file was checked: %(count)s "
                        "rows are no longer valid. Upload the file again to see why.",
                        plan.counts[ERROR],
                    )
                    % {"count": plan.counts[ERROR]}
                )
            counts = carry_out(imp, plan, now=now)
            imp.status = EnrolmentImportStatus.DONE
            imp.applied_at = now
            imp.counts = counts
            imp.report = [row.as_report() for row in plan.rows]
            imp.rows_processed = len(plan.rows)
            imp.save(
                update_fields=[
                    "status",
                    "applied_at",
                    "counts",
                    "report",
                    "rows_processed",
                ]
            )
            log(
                imp,
                "progress.bulk_enrol",
                user=imp.uploaded_by,
                data={"course": imp.course.title, "file": imp.filename, **counts},
            )
            return imp
    except (ImportChanged, ImportFileError) as error:
        message = str(error)
    except Exception as error:  # noqa: BLE001 - the import shows why it failed
        logger.exception("Enrolment import %s failed", import_id)
        message = _(
            "The enrolments could not be applied (%(error)s). Nothing was changed."
        ) % {"error": error}
    EnrolmentImport.objects.filter(
        pk=import_id, status=EnrolmentImportStatus.APPLYING
    ).update(status=EnrolmentImportStatus.FAILED, error_message=message)
    return EnrolmentImport.objects.get(pk=import_id)


def carry_out(imp, plan, *, now):
    """Create, invite and enrol as planned, in bulk (inside the caller's
    transaction: the plan was checked in it, so every address is new or known)."""
    from learning.accounts import services as accounts

    uploader, course = imp.uploaded_by, imp.course
    new_rows = [row for row in plan.rows if row.outcome == CREATE]
    people = accounts.create_invited_users(
        [
            (row.email, row.cells.get("full_name", ""), row.organisation)
            for row in new_rows
        ],
        now=now,
    )
    for row, person in zip(new_rows, people, strict=True):
        row.user = person
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                learner=row.user,
                course=course,
                course_key=course.translation_key,
                source=EnrolmentSource.BULK,
                enrolled_at=now,
                due_at=row.due_at,
                enrolled_by=uploader,
            )
            for row in plan.rows
            if row.outcome in (CREATE, ENROL)
        ],
        batch_size=LOOKUP_CHUNK,
    )
    for person in people:
        accounts.send_invitation(person, invited_by=uploader)
    due_changes = {}
    for row in plan.rows:
        if row.outcome == DUE_CHANGE:
            due_changes.setdefault(row.due_at, []).append(row.enrolment.pk)
    for due_at, ids in due_changes.items():
        for start in range(0, len(ids), LOOKUP_CHUNK):
            # A new due date earns its own reminders.
            Enrolment.objects.filter(pk__in=ids[start : start + LOOKUP_CHUNK]).update(
                due_at=due_at, due_reminder_sent_at=None, overdue_reminder_sent_at=None
            )
    return plan.counts


# --- Reports -------------------------------------------------------------------------


def error_rows(imp):
    return [entry for entry in imp.report if entry["outcome"] == ERROR]


def error_report_rows(imp):
    """The rows of the downloadable error report: the header, then one line per
    refused row with its cells as uploaded and the reasons."""
    yield [_("line"), *COLUMNS, _("problem")]
    for entry in error_rows(imp):
        cells = entry.get("cells", {})
        yield [
            entry["line"],
            *(cells.get(column, "") for column in COLUMNS),
            " ".join(entry.get("reasons", [])),
        ]
