"""Certificates in the Wagtail admin: a read-only listing with search and filters,
revoke and reissue (each with a reason), the audit history, the PDF, a ZIP of the
listed PDFs, and bulk regeneration of a course's certificates.

Scoped like enrolments: superusers see every certificate; anyone else only those
of learners whose organisation they look after (`Organisation.objects.managed_by`),
so a focal point sees their organisations' people and nobody else sees any. A
certificate out of scope is a 404, whatever the URL.
"""

import zipfile

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, CharField, Value, When
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from courses.models import CoursePage
from learning.accounts.models import Organisation
from learning.admin_listing import ListedExportsOnlyMixin, RefuseInvalidFiltersMixin
from learning.fields import IdChoiceField, IdChoiceFilter
from learning.progress.admin_views import (
    managed_organisation_ids,
    organisations_for_filter,
    row_action,
)

from .models import (
    Certificate,
    CertificateStatus,
    RegenerationJob,
    RegenerationStatus,
)
from .regeneration import request_regeneration

INDEX_URL_NAME = "certificates_admin:index"
STATES = [
    ("valid", gettext_lazy("Valid")),
    ("expired", gettext_lazy("Expired")),
    ("revoked", gettext_lazy("Revoked")),
]
STATE_LABELS = dict(STATES)
ZIP_CHUNK = 64 * 1024


# Scope and permissions


def certificates_in_scope(user):
    """The certificates the user may see in the admin."""
    certificates = Certificate.objects.all()
    if user.is_superuser:
        return certificates
    return certificates.filter(
        completion__enrolment__learner__organisation__in=managed_organisation_ids(user)
    )


def with_state(queryset, now):
    """Annotated with `state`: "revoked", "expired" (at `now`) or "valid"."""
    return queryset.annotate(
        state=Case(
            When(status=CertificateStatus.REVOKED, then=Value("revoked")),
            When(expires_at__lte=now, then=Value("expired")),
            default=Value("valid"),
            output_field=CharField(),
        )
    )


def scoped_certificates(view):
    return with_state(
        certificates_in_scope(view.request.user).select_related(
            "completion__enrolment__learner__organisation"
        ),
        timezone.now(),
    )


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates are issued by the platform, never added or deleted by hand;
    "change" stands for revoke and reissue."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            certificates_in_scope(user).filter(pk=instance.pk).exists()
        )


permission_policy = CertificatePermissionPolicy(Certificate)


def may_regenerate(user):
    """Bulk regeneration touches every organisation's certificates of a course:
    for superusers (administrators) only."""
    return user.is_active and user.is_superuser


class InScopeMixin:
    """Views of one certificate find it among those the user may see."""

    def get_base_object_queryset(self):
        return scoped_certificates(self)


def download_name(certificate):
    """The PDF's name when an administrator downloads it, alone or in a ZIP: the
    learner's download name (``UNSSC-certificate-<course>-<code>.pdf``) with the
    learner's name added, so that a ZIP of a course reads like a list of people."""
    parts = [
        slugify(certificate.course_title)[:60] or "course",
        slugify(certificate.name_printed)[:40],
        certificate.code,
    ]
    return "UNSSC-certificate-" + "-".join(part for part in parts if part) + ".pdf"


# Listing


class CourseChoiceFilter(IdChoiceFilter):
    """A course and every translation of it (enrolments are keyed on the
    translation key)."""

    def filter(self, queryset, value):
        if value:
            return queryset.filter(
                completion__enrolment__course_key=value.translation_key
            )
        return queryset


class OrganisationChoiceFilter(IdChoiceFilter):
    """An organisation and the organisations below it."""

    def filter(self, queryset, value):
        if value:
            organisations = Organisation.objects.filter(pk=value.pk).with_descendants()
            return queryset.filter(
                completion__enrolment__learner__organisation__in=organisations
            )
        return queryset


def courses_for_filter(request):
    return CoursePage.objects.filter(locale=Locale.get_default()).order_by("title")


class CertificateFilterSet(WagtailFilterSet):
    course = CourseChoiceFilter(
        label=gettext_lazy("Course"), queryset=courses_for_filter
    )
    organisation = OrganisationChoiceFilter(
        label=gettext_lazy("Organisation"),
        queryset=organisations_for_filter,
        help_text=gettext_lazy("With the organisations below it."),
    )
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=STATES, method="filter_state"
    )

    class Meta:
        model = Certificate
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset.filter(state=value) if value else queryset


def state_label(certificate):
    return STATE_LABELS.get(certificate.state, certificate.state)


class CertificateIndexView(
    ListedExportsOnlyMixin, RefuseInvalidFiltersMixin, IndexView
):
    default_ordering = "-issued_at"
    page_title = gettext_lazy("Certificates")

    def get_base_queryset(self):
        return scoped_certificates(self)

    def get_edit_url(self, instance):
        return None  # read-only: revoke and reissue have their own pages

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "name_printed",
                label=_("Name as printed"),
                accessor="name_printed",
                sort_key="name_printed",
                get_url=self.get_inspect_url,
            ),
            Column(
                "email",
                label=_("Email"),
                accessor=lambda c: c.completion.enrolment.learner.email,
            ),
            Column(
                "organisation",
                label=_("Organisation"),
                accessor=lambda c: (
                    org.acronym
                    if (org := c.completion.enrolment.learner.organisation)
                    else "–"
                ),
            ),
            Column(
                "course_title",
                label=_("Course"),
                accessor="course_title",
                sort_key="course_title",
            ),
            DateColumn("completed_at", label=_("Completed"), sort_key="completed_at"),
            DateColumn("issued_at", label=_("Issued"), sort_key="issued_at"),
            StatusTagColumn(
                "state",
                label=_("Status"),
                accessor=state_label,
                primary=lambda c: c.state == "valid",
            ),
            Column("code", label=_("Code"), accessor="code"),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.file:
            buttons.append(
                row_action(
                    _("Download PDF"),
                    "certificates_admin:download",
                    instance.pk,
                    "download",
                    30,
                )
            )
        if self.user_has_permission("change") and instance.state != "revoked":
            buttons.append(
                row_action(
                    _("Reissue"),
                    "certificates_admin:reissue",
                    instance.pk,
                    "rotate",
                    40,
                )
            )
            buttons.append(
                row_action(
                    _("Revoke"), "certificates_admin:revoke", instance.pk, "cross", 50
                )
            )
        if self.user_has_permission("change"):
            buttons.append(
                row_action(
                    _("History"),
                    "certificates_admin:history",
                    instance.pk,
                    "history",
                    60,
                )
            )
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        query = self.request.GET.urlencode()
        buttons.append(
            HeaderButton(
                _("Download these as a ZIP"),
                reverse("certificates_admin:zip") + (f"?{query}" if query else ""),
                icon_name="download",
            )
        )
        if may_regenerate(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Regenerate a course's certificates"),
                    reverse("certificates_admin:regenerate"),
                    icon_name="rotate",
                )
            )
        return buttons


# One certificate: inspect, history, PDF; add, edit and delete never


class NoEditLinkMixin:
    """Certificates have no edit page: link to the certificate's own page."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.edit_url_name = None

    def get_edit_url(self, *args):
        return None


class CertificateInspectView(NoEditLinkMixin, InScopeMixin, InspectView):
    shown_fields = [
        "name_printed",
        "email",
        "course_title",
        "completed_at",
        "issued_at",
        "expires_at",
        "hours",
        "score",
        "code",
        "version",
        "state",
        "revoked_at",
        "revoke_reason",
        "sha256",
    ]

    def get_fields(self):
        fields = self.shown_fields
        if self.object_is_revoked():
            return fields
        return [f for f in fields if f not in ("revoked_at", "revoke_reason")]

    def object_is_revoked(self):
        obj = getattr(self, "object", None)
        return obj is not None and obj.status == CertificateStatus.REVOKED

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.fields = self.get_fields()  # now that the certificate is known

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_base_object_queryset(), pk=self.pk)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "–" if value is None or value == "" else value

    def get_field_label(self, field_name, field):
        if field_name == "email":
            return _("Email")
        if field_name == "state":
            return _("Status")
        return super().get_field_label(field_name, field)

    def get_email_display_value(self):
        return self.object.completion.enrolment.learner.email

    def get_state_display_value(self):
        return state_label(self.object)

    @cached_property
    def header_more_buttons(self):
        from wagtail.admin.widgets import Button

        pk = self.object.pk
        buttons = []
        if self.object.file:
            buttons.append(
                Button(
                    _("Download PDF"),
                    url=reverse("certificates_admin:download", args=[pk]),
                    icon_name="download",
                    priority=10,
                )
            )
        if self.user_has_permission("change"):
            if self.object.state != "revoked":
                buttons += [
                    Button(
                        _("Reissue"),
                        url=reverse("certificates_admin:reissue", args=[pk]),
                        icon_name="rotate",
                        priority=20,
                    ),
                    Button(
                        _("Revoke"),
                        url=reverse("certificates_admin:revoke", args=[pk]),
                        icon_name="cross",
                        priority=30,
                    ),
                ]
            buttons.append(
                Button(
                    _("History"),
                    url=reverse("certificates_admin:history", args=[pk]),
                    icon_name="history",
                    priority=40,
                )
            )
        return buttons


class CertificateHistoryView(NoEditLinkMixin, InScopeMixin, HistoryView):
    pass


class CertificateUsageView(InScopeMixin, UsageView):
    pass


class NotAvailableMixin:
    """Certificates are never added, edited or deleted through forms."""

    def dispatch(self, request, *args, **kwargs):
        raise Http404(_("Certificates are issued by the platform, not edited."))

    def setup(self, request, *args, **kwargs):
        self.request, self.args, self.kwargs = request, args, kwargs


class CertificateAddView(NotAvailableMixin, CreateView):
    pass


class CertificateEditView(NotAvailableMixin, EditView):
    pass


class CertificateDeleteView(NotAvailableMixin, DeleteView):
    pass


class DownloadView(InScopeMixin, BaseObjectMixin, View):
    """The certificate's current PDF, for whoever may see the certificate."""

    model = Certificate

    def dispatch(self, request, *args, **kwargs):
        if not permission_policy.user_has_any_permission(
            request.user, ["view", "change"]
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        certificate = self.object
        if not certificate.file:
            raise Http404(_("This certificate's PDF has not been made yet."))
        try:
            handle = certificate.file.open("rb")
        except FileNotFoundError as error:
            raise Http404(_("This certificate's PDF is missing from storage.")) from (
                error
            )
        return FileResponse(
            handle,
            as_attachment=True,
            filename=download_name(certificate),
            content_type="application/pdf",
        )


# Revoke and reissue: a reason, on a confirmation page


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give a reason.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Give a reason."))
        return reason


class CertificateFormView(InScopeMixin, BaseObjectMixin, CreateView):
    """A reason about one certificate (in scope, for someone who may change
    certificates), shown on Wagtail's generic form page."""

    permission_required = "change"
    form_class = ReasonForm
    url_name = None
    reason_help = ""
    error_message = gettext_lazy("Nothing was changed: see the errors below.")

    def get_form_class(self):
        return self.form_class

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_form_kwargs(self):
        kwargs = {"initial": self.get_initial()}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["reason"].help_text = self.reason_help
        return form

    def get_page_subtitle(self):
        return str(self.object)

    def get_add_url(self):
        return reverse(self.url_name, args=[self.object.pk])

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse(INDEX_URL_NAME), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self):
        return reverse("certificates_admin:inspect", args=[self.object.pk])

    def refuse(self, form, message):
        messages.error(self.request, message)
        return self.form_invalid(form)

    def form_invalid(self, form):
        if not hasattr(self, "produced_error_message"):
            self.produced_error_message = None
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class RevokeView(CertificateFormView):
    page_title = gettext_lazy("Revoke certificate")
    template_name = "certificates/admin/revoke.html"
    submit_button_label = gettext_lazy("Revoke the certificate")
    submit_button_active_label = gettext_lazy("Revoking…")
    url_name = "certificates_admin:revoke"
    reason_help = gettext_lazy(
        "Sent to the learner and kept in the certificate's history; the public "
        "verification page says only that it was revoked, and when."
    )

    def form_valid(self, form):
        from .services import CertificateError, revoke_certificate

        if self.object.status == CertificateStatus.REVOKED:
            return self.refuse(form, _("This certificate is already revoked."))
        try:
            revoke_certificate(
                self.object,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except CertificateError as error:
            return self.refuse(form, str(error))
        messages.success(
            self.request,
            _("Certificate %(code)s revoked; %(learner)s has been told.")
            % {"code": self.object.code, "learner": self.object.name_printed},
        )
        return redirect(self.get_success_url())


class ReissueView(CertificateFormView):
    page_title = gettext_lazy("Reissue certificate")
    template_name = "certificates/admin/reissue.html"
    submit_button_label = gettext_lazy("Reissue the certificate")
    submit_button_active_label = gettext_lazy("Reissuing…")
    url_name = "certificates_admin:reissue"
    reason_help = gettext_lazy(
        "Kept in the certificate's history, e.g. “name corrected at the learner's "
        "request”."
    )

    def form_valid(self, form):
        from .services import CertificateError, reissue_certificate

        if self.object.status == CertificateStatus.REVOKED:
            return self.refuse(form, _("A revoked certificate cannot be reissued."))
        try:
            certificate = reissue_certificate(
                self.object,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except CertificateError as error:
            return self.refuse(form, str(error))
        messages.success(
            self.request,
            _("Certificate %(code)s reissued (version %(version)s).")
            % {"code": certificate.code, "version": certificate.version},
        )
        return redirect(self.get_success_url())


# The listed certificates as a ZIP of PDFs


class _ZipSink:
    """A write-only stream for zipfile that hands on what was written."""

    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def zip_chunks(certificates):
    """The certificates' PDFs as a ZIP, a piece at a time (bounded memory: one
    chunk of one file at a time)."""
    sink = _ZipSink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            try:
                source = certificate.file.open("rb")
            except FileNotFoundError:
                continue
            with source, archive.open(download_name(certificate), "w") as target:
                while chunk := source.read(ZIP_CHUNK):
                    target.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()


def zip_max_files():
    return settings.CERTIFICATE_ZIP_MAX_FILES


class ZipView(CertificateIndexView):
    """The certificates the listing shows with the same filters and search (all
    pages), as one ZIP; refused beyond CERTIFICATE_ZIP_MAX_FILES."""

    def get(self, request, *args, **kwargs):
        if self.filters and not self.filters.is_valid():
            return self.refusal(_("These filters are not valid."))
        certificates = (
            self.get_queryset()
            .exclude(file="")
            .select_related(None)
            .only("pk", "code", "name_printed", "course_title", "file")
        )
        count = certificates.count()
        if count == 0:
            return self.refusal(_("No certificate with a PDF matches these filters."))
        limit = zip_max_files()
        if count > limit:
            return self.refusal(
                _(
                    "%(count)s certificates match these filters; a ZIP holds at most "
                    "%(limit)s. Narrow the list (by course, organisation or status) "
                    "and download it in parts."
                )
                % {"count": count, "limit": limit}
            )
        certificates = list(certificates)
        filters = {
            key: value
            for key, value in request.GET.items()
            if key not in ("p", "ordering") and value
        }
        log(
            request.user,
            "certificates.download_zip",
            user=request.user,
            data={
                "filters": filters,
                "count": len(certificates),
                "codes": [c.code for c in certificates],
            },
        )
        response = StreamingHttpResponse(
            zip_chunks(certificates), content_type="application/zip"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="certificates-{stamp}.zip"'
        )
        return response

    def refusal(self, message):
        query = self.request.GET.urlencode()
        return TemplateResponse(
            self.request,
            "certificates/admin/zip_refused.html",
            {
                "page_title": _("Download as a ZIP"),
                "header_title": _("Download as a ZIP"),
                "header_icon": "download",
                "message": message,
                "back_url": reverse(INDEX_URL_NAME) + (f"?{query}" if query else ""),
                "breadcrumbs_items": [
                    {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                    {"url": reverse(INDEX_URL_NAME), "label": _("Certificates")},
                    {"url": "", "label": _("Download as a ZIP")},
                ],
            },
            status=400,
        )


# Bulk regeneration


class RegenerateForm(forms.Form):
    course = IdChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.none(),
        empty_label=gettext_lazy("Choose a course"),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Optional; kept in each certificate's history, e.g. “signature of the "
            "new Director”."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.filter(
            locale=Locale.get_default()
        ).order_by("title")


class RegenerationAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_regenerate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [{"url": reverse(INDEX_URL_NAME), "label": _("Certificates")}]
        if getattr(self, "object", None) is not None:  # a job's page
            items.append(
                {
                    "url": reverse("certificates_admin:regenerate"),
                    "label": _("Regenerate"),
                }
            )
        items.append({"url": "", "label": self.get_page_title()})
        return WagtailAdminTemplateMixin.breadcrumbs_items + items


class RegenerateView(RegenerationAccessMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "certificates/admin/regenerate.html"
    form_class = RegenerateForm
    page_title = gettext_lazy("Regenerate a course's certificates")
    header_icon = "rotate"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["jobs"] = RegenerationJob.objects.select_related("requested_by")[:20]
        return context

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was started: see the errors below."))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        job, created = request_regeneration(
            form.cleaned_data["course"],
            by=self.request.user,
            reason=form.cleaned_data["reason"].strip(),
            now=timezone.now(),
        )
        if created:
            messages.success(
                self.request,
                _(
                    "Regeneration of %(course)s is queued; if the task queue is "
                    "unavailable, it waits and starts by itself once the queue is "
                    "back. This page follows it."
                )
                % {"course": job.course_title},
            )
        else:
            messages.warning(
                self.request,
                _(
                    "The certificates of %(course)s are already being regenerated: "
                    "here is that job; nothing new was started."
                )
                % {"course": job.course_title},
            )
        return redirect("certificates_admin:regeneration", pk=job.pk)


class RegenerationDetailView(
    RegenerationAccessMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "certificates/admin/regeneration.html"
    header_icon = "rotate"
    refresh_seconds = 3

    def get(self, request, *args, **kwargs):
        self.object = get_object_or_404(
            RegenerationJob.objects.select_related("requested_by"), pk=kwargs["pk"]
        )
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Regeneration: %(course)s") % {"course": self.object.course_title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.object
        context.update(
            job=job,
            statuses=RegenerationStatus,
            refresh_seconds=self.refresh_seconds if job.is_running else None,
            listing_url=reverse(INDEX_URL_NAME)
            + (f"?course={job.course_id}" if job.course_id else ""),
        )
        return context
