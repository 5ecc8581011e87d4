"""Certificates in the Wagtail admin: templates (a snippet with a PDF preview) and
the audit-log actions of certificates."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from courses.models import CoursePage
from learning.admin_listing import ValidatedSnippetIndexView

from .models import PLACEHOLDERS, CertificateTemplate
from .rendering import render_sample


class CertificateTemplateForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = (
            CoursePage.objects.live().select_related("locale").order_by("title")
        )
        self.fields["courses"].label_from_instance = lambda course: (
            f"{course.title} ({course.locale.language_code})"
        )

    def validate_constraints(self):
        # The one-default constraint is kept by save(), which moves the default.
        exclude = self._get_validation_exclusions() | {"is_default"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)

    def save(self, commit=True):
        # One default template (a database constraint): ticking "default" here
        # unticks it on the template that had it.
        if self.cleaned_data.get("is_default"):
            with transaction.atomic():
                CertificateTemplate.objects.filter(is_default=True).exclude(
                    pk=self.instance.pk
                ).update(is_default=False)
                return super().save(commit=commit)
        return super().save(commit=commit)


class CertificateTemplateEditView(EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Preview PDF"),
                url=reverse(
                    "wagtailsnippets_certificates_certificatetemplate:preview_pdf",
                    args=[self.object.pk],
                ),
                icon_name="doc-full",
                priority=5,
                attrs={"target": "_blank", "rel": "noopener"},
            )
        )
        return buttons


PLACEHOLDER_HELP = _("Plain text. These words in braces are replaced: %(words)s.")
PLACEHOLDER_HELP_TEXT = PLACEHOLDER_HELP % {
    "words": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
}


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    menu_order = 270
    add_to_admin_menu = True
    url_prefix = "certificate-templates"
    index_view_class = ValidatedSnippetIndexView
    list_display = ["name", "is_default", "paper_size", "orientation"]
    list_filter = ["is_default", "paper_size", "orientation"]
    search_fields = ["name", "title_wording"]
    edit_view_class = CertificateTemplateEditView
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            MultiFieldPanel(
                [
                    FieldPanel("title_wording"),
                    FieldPanel("body_wording", help_text=PLACEHOLDER_HELP_TEXT),
                ],
                heading=_("Wording"),
            ),
            InlinePanel(
                "wordings",
                heading=_("Wording in other languages"),
                label=_("Wording"),
                help_text=_(
                    "Printed on certificates in that language. Without one, they "
                    "print the wording above (translated, if it is the standard "
                    "wording)."
                ),
                panels=[
                    FieldPanel("language"),
                    FieldPanel("title_wording"),
                    FieldPanel("body_wording", help_text=PLACEHOLDER_HELP_TEXT),
                ],
            ),
            InlinePanel(
                "signatories",
                label=_("Signatory"),
                panels=[
                    FieldPanel("name"),
                    FieldPanel("title"),
                    FieldPanel("signature"),
                ],
            ),
            MultiFieldPanel(
                [
                    FieldPanel("logo"),
                    FieldPanel(
                        "accent_colour", widget=forms.TextInput(attrs={"type": "color"})
                    ),
                    FieldPanel("paper_size"),
                    FieldPanel("orientation"),
                ],
                heading=_("Look"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("is_default"),
                    FieldPanel("courses", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Used by"),
            ),
        ],
        base_form_class=CertificateTemplateForm,
    )

    def preview_pdf_view(self, request, pk):
        """A sample certificate from this template, inline as a PDF: for whoever may
        add, change or delete templates."""
        if not self.permission_policy.user_has_any_permission(
            request.user, ["add", "change", "delete"]
        ):
            raise PermissionDenied
        template = get_object_or_404(CertificateTemplate, pk=pk)
        response = HttpResponse(render_sample(template), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="certificate-sample.pdf"'
        return response

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/preview.pdf", self.preview_pdf_view, name="preview_pdf"),
        ]


register_snippet(CertificateTemplateViewSet)


# Audit-log actions of certificates (issue, revoke, reissue, ...) are registered
# below with @hooks.register("register_log_actions"), one function per part.


def register_issuing_log_actions(actions):
    """Issuance (learning/certificates/services.py)."""
    actions.register_action(
        "certificates.issue", _("Issue certificate"), _("Certificate issued")
    )
    actions.register_action(
        "certificates.reissue", _("Reissue certificate"), _("Certificate reissued")
    )
    actions.register_action(
        "certificates.revoke", _("Revoke certificate"), _("Certificate revoked")
    )


def register_issuing_hooks():
    from wagtail import hooks

    hooks.register("register_log_actions", register_issuing_log_actions)


register_issuing_hooks()


def register_recertification_rule():
    """Re-certification: progress asks whether a learner may start a new cycle of a
    completed course (learning/progress/cycles.py); certificates answer from the
    certificate's expiry (learning/certificates/expiry.py)."""
    from wagtail import hooks

    from .expiry import may_start_new_cycle

    hooks.register("may_start_new_cycle", may_start_new_cycle)


register_recertification_rule()


def load_certificates_with_completions():
    """Progress loads a learner's completions, then their certificates with them
    (one query more, not one per completion), for the completion panel and the
    dashboard."""
    from wagtail import hooks

    hooks.register("load_with_completions", lambda: ["certificate"])


load_certificates_with_completions()


# Certificates listing, revoke, reissue, history, PDF, ZIP and bulk regeneration
# (learning/certificates/admin_views.py): scoped like the enrolments admin.


def register_certificate_admin():
    from wagtail import hooks
    from wagtail.admin.viewsets.model import ModelViewSet
    from wagtail.log_actions import LogFormatter
    from wagtail.permissions import register_permission_policy

    from . import admin_views
    from .models import Certificate

    register_permission_policy(Certificate, admin_views.permission_policy)

    class CertificateViewSet(ModelViewSet):
        model = Certificate
        icon = "doc-full-inverse"
        menu_label = _("Certificates")
        menu_order = 275
        add_to_admin_menu = True
        add_to_reference_index = False
        copy_view_enabled = False
        inspect_view_enabled = True
        url_prefix = "certificates"
        index_view_class = admin_views.CertificateIndexView
        add_view_class = admin_views.CertificateAddView
        edit_view_class = admin_views.CertificateEditView
        delete_view_class = admin_views.CertificateDeleteView
        history_view_class = admin_views.CertificateHistoryView
        usage_view_class = admin_views.CertificateUsageView
        inspect_view_class = admin_views.CertificateInspectView
        filterset_class = admin_views.CertificateFilterSet
        search_fields = [
            "name_printed",
            "code",
            "completion__enrolment__learner__email",
        ]

        def get_form_class(self, for_update=False):
            return admin_views.ReasonForm

        def get_add_view_kwargs(self, **kwargs):
            return super().get_add_view_kwargs(panel=None, **kwargs)

        def get_edit_view_kwargs(self, **kwargs):
            return super().get_edit_view_kwargs(panel=None, **kwargs)

        def get_urlpatterns(self):
            return super().get_urlpatterns() + [
                path(
                    "download/<int:pk>/",
                    self.construct_view(admin_views.DownloadView),
                    name="download",
                ),
                path(
                    "revoke/<int:pk>/",
                    self.construct_view(admin_views.RevokeView),
                    name="revoke",
                ),
                path(
                    "reissue/<int:pk>/",
                    self.construct_view(admin_views.ReissueView),
                    name="reissue",
                ),
                path(
                    "zip/",
                    self.construct_view(
                        admin_views.ZipView, **self.get_index_view_kwargs()
                    ),
                    name="zip",
                ),
                path(
                    "regenerate/",
                    admin_views.RegenerateView.as_view(),
                    name="regenerate",
                ),
                path(
                    "regenerate/<int:pk>/",
                    admin_views.RegenerationDetailView.as_view(),
                    name="regeneration",
                ),
            ]

    class DownloadZipFormatter(LogFormatter):
        label = _("Download certificates as a ZIP")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            filters = ", ".join(
                f"{key}={value}" for key, value in data.get("filters", {}).items()
            )
            return _("%(count)s certificates downloaded as a ZIP (%(filters)s)") % {
                "count": data.get("count", 0),
                "filters": filters or _("no filters"),
            }

    class RegenerateFormatter(LogFormatter):
        label = _("Regenerate certificates")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _(
                "Regeneration of the %(count)s certificates of %(course)s requested"
            ) % {"count": data.get("certificates", 0), "course": data.get("course")}

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")

    @hooks.register("register_admin_viewset")
    def register_certificate_viewset():
        return CertificateViewSet("certificates_admin")

    @hooks.register("register_log_actions")
    def register_certificate_admin_log_actions(actions):
        actions.register_action("certificates.download_zip")(DownloadZipFormatter)
        actions.register_action("certificates.regenerate")(RegenerateFormatter)


register_certificate_admin()
