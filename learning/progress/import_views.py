"""Admin screens for bulk enrolment from a CSV file: upload, check and preview,
confirm, follow a long import, download the error report."""

import csv

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput, HeaderButton
from wagtail.log_actions import LogFormatter

from assessments.admin_views import Echo, spreadsheet_safe
from courses.models import CoursePage
from learning.fields import IdChoiceField

from . import imports
from .models import EnrolmentImport, EnrolmentImportStatus

# The preview lists this many rows of each kind; the error report has them all.
ROWS_SHOWN = 100
EXAMPLE_ROWS = [
    ["email", "full_name", "organisation", "due_date"],
    ["amina.diallo@undp.org", "Amina Diallo", "UNDP", "2027-03-31"],
    ["l.moreau@unicef.org", "Louis Moreau", "unicef", ""],
    ["k.tanaka@undp.org", "", "", ""],
]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return imports.can_import(request.user)


def menu_item():
    return ImportMenuItem(
        gettext_lazy("Import enrolments"),
        reverse_lazy("progress_imports:index"),
        name="enrolment-imports",
        icon_name="upload",
        order=301,
    )


class BulkEnrolLogFormatter(LogFormatter):
    """The audit log's line for an applied import (action progress.bulk_enrol)."""

    label = gettext_lazy("Bulk enrolment")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _(
            "Applied %(file)s to %(course)s: %(created)s people created and invited, "
            "%(enrolled)s enrolled, %(changed)s due dates changed, %(unchanged)s "
            "already enrolled"
        ) % {
            "file": data.get("file", ""),
            "course": data.get("course", ""),
            "created": data.get(imports.CREATE, 0),
            "enrolled": data.get(imports.ENROL, 0),
            "changed": data.get(imports.DUE_CHANGE, 0),
            "unchanged": data.get(imports.UNCHANGED, 0),
        }


class ImportAccessMixin:
    """Superusers and people who may add enrolments; an import by id only if the
    user may see it (their own, or any for a superuser), else 404."""

    breadcrumbs_items = WagtailAdminTemplateMixin.breadcrumbs_items + [
        {
            "url": reverse_lazy("progress_imports:index"),
            "label": gettext_lazy("Enrolment imports"),
        }
    ]

    def dispatch(self, request, *args, **kwargs):
        if not imports.can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_import(self):
        return get_object_or_404(
            EnrolmentImport.objects.visible_to(self.request.user).select_related(
                "course", "uploaded_by"
            ),
            pk=self.kwargs["pk"],
        )


class ImportIndexView(ImportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "progress/admin/import_index.html"
    page_title = gettext_lazy("Enrolment imports")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return WagtailAdminTemplateMixin.breadcrumbs_items + [
            {"url": "", "label": self.page_title}
        ]

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Upload a file"),
                url=reverse("progress_imports:upload"),
                icon_name="upload",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = (
            EnrolmentImport.objects.visible_to(self.request.user)
            .select_related("course", "uploaded_by")
            .defer("csv_text", "report")
        )
        paginator = WagtailPaginator(queryset, 25)
        page = paginator.get_page(self.request.GET.get("p"))
        context["page_obj"] = page
        context["elided_page_range"] = paginator.get_elided_page_range(page.number)
        return context


class CourseChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.locale.get_display_name()})"


class UploadForm(forms.Form):
    course = CourseChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.live().select_related("locale").order_by("title"),
    )
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "One person per line, saved as CSV UTF-8. Columns: email (required), "
            "full_name, organisation, due_date."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    default_due_date = forms.DateField(
        label=gettext_lazy("Default due date"),
        required=False,
        widget=AdminDateInput,
        help_text=gettext_lazy(
            "For rows without a due_date. Leave empty for no due date."
        ),
    )

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now
        self.data_bytes = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.max_bytes():
            raise ValidationError(
                _(
                    "The file is %(size)s MB; at most %(limit)s MB can be imported "
                    "at once. Split it into smaller files."
                )
                % {
                    "size": f"{upload.size / 1024 / 1024:.1f}",
                    "limit": f"{imports.max_bytes() / 1024 / 1024:.0f}",
                }
            )
        data = upload.read()
        try:
            imports.read_rows(imports.decode(data))
        except imports.ImportFileError as error:
            raise ValidationError(str(error)) from error
        self.data_bytes = data
        return upload

    def clean_default_due_date(self):
        date = self.cleaned_data["default_due_date"]
        if date and imports.end_of_day(date) < self.now:
            raise ValidationError(_("The default due date is in the past."))
        return date


class UploadView(ImportAccessMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "progress/admin/import_upload.html"
    form_class = UploadForm
    page_title = gettext_lazy("Import enrolments")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "now": timezone.now()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["example_rows"] = EXAMPLE_ROWS
        context["max_rows"] = imports.max_rows()
        context["max_megabytes"] = imports.max_bytes() // (1024 * 1024)
        return context

    def form_invalid(self, form):
        messages.error(
            self.request, _("The file could not be imported; see the reasons below.")
        )
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            imp = imports.create_import(
                uploaded_by=self.request.user,
                course=form.cleaned_data["course"],
                filename=form.cleaned_data["file"].name,
                data=form.data_bytes,
                default_due_date=form.cleaned_data["default_due_date"],
                now=timezone.now(),
            )
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        if imp.status == EnrolmentImportStatus.VALIDATING:
            messages.info(
                self.request,
                _(
                    "The file is saved and queued to be checked in the background; "
                    "if the task queue is unavailable, it waits and starts by itself "
                    "once the queue is back. This page follows it."
                ),
            )
        return redirect("progress_imports:detail", pk=imp.pk)


class ImportDetailView(ImportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """The preview of a checked import, the progress of a running one, the result
    of an applied or failed one."""

    template_name = "progress/admin/import_detail.html"
    header_icon = "upload"
    refresh_seconds = 3

    def get(self, request, *args, **kwargs):
        self.object = self.get_import()
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Enrolment import: %(file)s") % {"file": self.object.filename}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.object.filename}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        imp = self.object
        errors = imports.error_rows(imp)
        planned = [entry for entry in imp.report if entry["outcome"] != imports.ERROR]
        planned_shown = [
            {**entry, "label": imports.OUTCOME_LABELS[entry["outcome"]]}
            for entry in planned[:ROWS_SHOWN]
        ]
        summary = [
            {"label": imports.OUTCOME_LABELS[outcome], "count": imp.count(outcome)}
            for outcome in imports.OUTCOMES
        ]
        context.update(
            imp=imp,
            statuses=EnrolmentImportStatus,
            summary=summary,
            errors_shown=errors[:ROWS_SHOWN],
            errors_total=len(errors),
            planned_shown=planned_shown,
            planned_total=len(planned),
            refresh_seconds=self.refresh_seconds if imp.is_running else None,
            can_confirm=imp.status == EnrolmentImportStatus.READY,
        )
        return context


class ConfirmView(ImportAccessMixin, View):
    def post(self, request, pk):
        imp = self.get_import()
        try:
            imp = imports.start_apply(imp, by=request.user, now=timezone.now())
        except imports.ImportNotReady:
            messages.warning(
                request,
                _(
                    "This import is no longer waiting for confirmation: nothing more "
                    "was applied."
                ),
            )
            return redirect("progress_imports:detail", pk=imp.pk)
        if imp.status == EnrolmentImportStatus.DONE:
            messages.success(request, _("The enrolments were applied."))
        elif imp.status == EnrolmentImportStatus.FAILED:
            messages.error(request, _("The import failed: nothing was applied."))
        elif imp.status == EnrolmentImportStatus.APPLYING:
            messages.info(
                request,
                _(
                    "The enrolments are queued to be applied in the background; if "
                    "the task queue is unavailable, they wait and are applied once "
                    "the queue is back. This page follows them."
                ),
            )
        return redirect("progress_imports:detail", pk=imp.pk)

    def get(self, request, pk):
        return HttpResponseNotAllowed(["POST"])


class ErrorReportView(ImportAccessMixin, View):
    """Every refused row with its reasons, as CSV safe to open in a spreadsheet."""

    def get(self, request, pk):
        imp = self.get_import()
        writer = csv.writer(Echo())
        rows = (
            writer.writerow([spreadsheet_safe(cell) for cell in row])
            for row in imports.error_report_rows(imp)
        )
        response = StreamingHttpResponse(
            ("\ufeff", *rows), content_type="text/csv; charset=utf-8"
        )
        stem = slugify(imp.filename.rsplit(".", 1)[0]) or "import"
        response["Content-Disposition"] = f'attachment; filename="{stem}-errors.csv"'
        return response


class TemplateCSVView(ImportAccessMixin, View):
    """A CSV with the expected header, ready to fill in."""

    def get(self, request):
        response = HttpResponse(
            "\ufeff" + ",".join(imports.COLUMNS) + "\r\n",
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            'attachment; filename="enrolment-import-template.csv"'
        )
        return response


app_name = "progress_imports"
urlpatterns = [
    path("", ImportIndexView.as_view(), name="index"),
    path("upload/", UploadView.as_view(), name="upload"),
    path("template.csv", TemplateCSVView.as_view(), name="template"),
    path("<int:pk>/", ImportDetailView.as_view(), name="detail"),
    path("<int:pk>/confirm/", ConfirmView.as_view(), name="confirm"),
    path("<int:pk>/errors.csv", ErrorReportView.as_view(), name="errors"),
]
