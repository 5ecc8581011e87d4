"""The completion report in the admin (Wagtail's ReportView: filters, search,
sorting, pagination), its exports, and the pages of export jobs.

Only people allowed to see learners' rows reach the report (Wagtail's usual
"permission denied" redirect otherwise), and every row is in their scope.
An export job is its requester's alone: anyone else gets a 404.
"""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from learning.admin_listing import RefuseInvalidFiltersMixin
from learning.progress.models import Enrolment

from .completion import COLUMNS, CertificateState, ContentLanguage, RowStatus
from .exports import (
    CONTENT_TYPES,
    download_response,
    record_streamed_export,
    request_export,
    user_time_zone,
)
from .filters import (
    SORT_KEYS,
    CompletionReport,
    CompletionReportFilterSet,
    InvalidFilters,
    describe_filters,
    export_query,
)
from .models import ExportStatus, ReportExport, ReportKind
from .scope import may_view_completion_report
from .sources import completion_values

STATUS_LABELS = dict(RowStatus.choices)
DATE_FORMAT = "%Y-%m-%d"
CERTIFICATE_LABELS = dict(CertificateState.choices)
LANGUAGE_LABELS = dict(ContentLanguage.choices)


class CompletionReportView(RefuseInvalidFiltersMixin, ReportView):
    page_title = gettext_lazy("Completion report")
    header_icon = "tasks"
    index_url_name = "learning_reports:completion"
    index_results_url_name = "learning_reports:completion_results"
    filterset_class = CompletionReportFilterSet
    is_searchable = True
    default_ordering = "-enrolled_at"
    paginate_by = 50
    # Wagtail shows its export buttons when this is set; the export itself is ours.
    list_export = [column.key for column in COLUMNS]

    def dispatch(self, request, *args, **kwargs):
        if not may_view_completion_report(request.user):
            return permission_denied(request)
        # Dates are read and shown in the viewer's own time zone (their profile's;
        # Wagtail's admin would otherwise use its own setting).
        with timezone.override(user_time_zone(request.user)):
            response = super().dispatch(request, *args, **kwargs)
            if isinstance(response, TemplateResponse):
                response.render()  # now, while the zone is the viewer's
            return response

    @cached_property
    def now(self):
        return timezone.now()

    @cached_property
    def report(self):
        return CompletionReport(
            self.request.user, self.request.GET, now=self.now, request=self.request
        )

    @cached_property
    def filters(self):
        return self.report.filterset

    def get_queryset(self):
        try:
            return self.report.rows()
        except InvalidFilters:  # the filter form shows why; no rows meanwhile
            return Enrolment.objects.none()

    def paginate_queryset(self, queryset, page_size):
        """A page's rows are found by id first (filters and ordering only), then
        only those get their figures: page 500 costs what page 1 does."""
        paginator, page, ids, is_paginated = super().paginate_queryset(
            queryset.values_list("pk", flat=True), page_size
        )
        rows = queryset.order_by().in_bulk(list(ids))
        page.object_list = [rows[pk] for pk in ids]
        return paginator, page, page.object_list, is_paginated

    @cached_property
    def columns(self):
        return [
            LearnerColumn(
                "learner_name", label=_("Learner"), sort_key=SORT_KEYS["learner"]
            ),
            Column(
                "organisation",
                label=_("Organisation"),
                sort_key=SORT_KEYS["organisation"],
            ),
            Column("course_title", label=_("Course"), sort_key=SORT_KEYS["course"]),
            Column(
                "language",
                label=_("Language"),
                accessor=lambda row: (
                    LANGUAGE_LABELS.get(row.language, row.language) or "–"
                ),
                sort_key=SORT_KEYS["language"],
            ),
            Column(
                "enrolled_at",
                label=_("Enrolled"),
                accessor=local_date("enrolled_at"),
                classname="w-whitespace-nowrap",
                sort_key=SORT_KEYS["enrolled_at"],
            ),
            Column(
                "due_at",
                label=_("Due"),
                accessor=local_date("due_at"),
                classname="w-whitespace-nowrap",
                sort_key=SORT_KEYS["due_at"],
            ),
            Column(
                "progress",
                label=_("Progress"),
                accessor=lambda row: f"{row.progress}%",
                sort_key=SORT_KEYS["progress"],
            ),
            Column(
                "row_status",
                label=_("Status"),
                accessor=lambda row: STATUS_LABELS.get(row.row_status, ""),
                sort_key=SORT_KEYS["status"],
            ),
            Column(
                "completed_at",
                label=_("Completed"),
                accessor=local_date("completed_at"),
                classname="w-whitespace-nowrap",
                sort_key=SORT_KEYS["completed_at"],
            ),
            Column(
                "score",
                label=_("Score"),
                accessor=lambda row: "–" if row.score is None else f"{row.score:g}%",
                sort_key=SORT_KEYS["score"],
            ),
            Column("certificate", label=_("Certificate"), accessor=certificate_label),
        ]

    # Exports

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.export(request.GET["export"])
        return super().get(request, *args, **kwargs)

    def export(self, export_format):
        try:
            rows = self.report.rows()
        except InvalidFilters as error:
            return TemplateResponse(
                self.request,
                "reports/admin/export_refused.html",
                {
                    "reason": _("a filter has a value you cannot use."),
                    "message": str(error),
                    "back_url": self.index_url,
                },
                status=400,
            )
        user = self.request.user
        query = export_query(self.request.GET)
        count = rows.count()
        details = {
            "report": ReportKind.COMPLETION,
            "export_format": export_format,
            "query": query,
            "filters": describe_filters(self.request.GET),
            "rows": count,
            "now": self.now,
        }
        if count > settings.REPORT_EXPORT_INLINE_ROWS:
            export, created = request_export(user, **details)
            if created:
                messages.success(
                    self.request,
                    _(
                        "%(rows)s rows to export: the file is prepared in the "
                        "background. The job is queued; if the task queue is "
                        "unavailable, it waits and starts by itself once the queue "
                        "is back. This page follows it."
                    )
                    % {"rows": f"{count:,}"},
                )
            else:
                messages.warning(
                    self.request,
                    _(
                        "This export is already being prepared: here it is; "
                        "nothing new was started."
                    ),
                )
            return redirect("learning_reports:export", pk=export.pk)
        record_streamed_export(user, **details)
        return download_response(
            completion_values(rows),
            COLUMNS,
            export_format,
            report=ReportKind.COMPLETION,
            user=user,
            now=self.now,
        )


class LearnerColumn(Column):
    """Name and email in one cell: a report is wide enough already."""

    cell_template_name = "reports/admin/learner_cell.html"


def local_date(field):
    """The day in the viewer's time zone: a report is read in dates, not in
    "8 months ago"."""

    def accessor(row):
        value = getattr(row, field)
        return timezone.localtime(value).strftime(DATE_FORMAT) if value else "–"

    return accessor


def certificate_label(row):
    if not row.certificate_code:
        return "–"
    state = CERTIFICATE_LABELS.get(row.certificate_state, "")
    return f"{row.certificate_code} ({state})"


# Export jobs: the requester's own


def own_export(request, pk):
    return get_object_or_404(
        ReportExport.objects.exclude(status=ExportStatus.STREAMED),
        pk=pk,
        requested_by=request.user,
    )


class ExportListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/exports.html"
    page_title = gettext_lazy("My report exports")
    header_icon = "download"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["exports"] = ReportExport.objects.filter(
            requested_by=self.request.user
        ).exclude(status=ExportStatus.STREAMED)[:50]
        context["now"] = timezone.now()
        context["statuses"] = ExportStatus
        return context


class ExportDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/export.html"
    header_icon = "download"
    refresh_seconds = 3

    def get(self, request, *args, **kwargs):
        self.object = own_export(request, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Export: %(report)s") % {"report": self.object.get_report_display()}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("learning_reports:exports"), "label": _("My exports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        export = self.object
        now = timezone.now()
        context.update(
            export=export,
            statuses=ExportStatus,
            expired=export.is_expired(now),
            refresh_seconds=self.refresh_seconds if export.is_running else None,
            report_url=reverse("learning_reports:completion") + "?" + export.query,
        )
        return context


class ExportDownloadView(View):
    def get(self, request, pk):
        export = own_export(request, pk)
        if export.status != ExportStatus.DONE or not export.file:
            if export.is_expired(timezone.now()):
                return expired_response(request, export)
            raise Http404(_("This export has no file yet."))
        if export.is_expired(timezone.now()):
            return expired_response(request, export)
        return FileResponse(
            export.file.open("rb"),
            as_attachment=True,
            filename=export.file.name.rsplit("/", 1)[-1],
            content_type=CONTENT_TYPES[export.format],
        )


def expired_response(request, export):
    return TemplateResponse(
        request,
        "reports/admin/export_expired.html",
        {
            "export": export,
            "report_url": reverse("learning_reports:completion") + "?" + export.query,
        },
        status=410,
    )
