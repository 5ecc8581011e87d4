"""The audit log (Wagtail's site history report), narrowed: learner records are
for administrators.

Wagtail shows a log entry to anyone who holds any permission on its object's
model. Focal points hold permissions on enrolments and certificates, so they would
see every organisation's entries there, and an author with a report permission
would see everyone's exports. Here, someone who is not an administrator sees the
history of pages as Wagtail decides, and otherwise only that of content (snippets,
images, documents); enrolments, completions, attempts, overrides, certificates,
exports and accounts are listed to administrators alone. The filters (people,
types, actions) offer only what the list may show.

Mounted over Wagtail's own URLs in learning/urls.py, so `wagtailadmin_reports:
site_history` (menu, links) leads here.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Value
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import PageLogEntry
from wagtail.snippets.models import get_snippet_models

from learning.admin_listing import RefuseInvalidFiltersMixin


def content_models():
    """Models whose history is shown to the people who may edit them."""
    return [*get_snippet_models(), get_image_model(), get_document_model()]


def viewable_entries(log_model, user):
    entries = log_model.objects.viewable_by_user(user)
    if user.is_superuser or issubclass(log_model, PageLogEntry):
        return entries
    content_types = ContentType.objects.get_for_models(
        *content_models(), for_concrete_models=False
    )
    return entries.filter(content_type__in=content_types.values())


def log_entry_models():
    return list(log_action_registry.get_log_entry_models())


def users_for_filter(user):
    ids = set()
    for log_model in log_entry_models():
        ids.update(viewable_entries(log_model, user).get_user_ids())
    User = get_user_model()
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


def content_types_for_filter(user):
    ids = set()
    for log_model in log_entry_models():
        ids.update(viewable_entries(log_model, user).get_content_type_ids())
    return ContentType.objects.filter(pk__in=ids).order_by("model")


def actions_for_filter(user):
    actions = set()
    for log_model in log_entry_models():
        actions.update(viewable_entries(log_model, user).get_actions())
    return [
        choice for choice in log_action_registry.get_choices() if choice[0] in actions
    ]


class AuditLogFilterSet(SiteHistoryReportFilterSet):
    object_type = ContentTypeFilter(
        label=_("Type"),
        method="filter_object_type",
        queryset=lambda request: content_types_for_filter(request.user),
    )

    def get_action_choices(self):
        return actions_for_filter(self.request.user)

    def get_user_choices(self):
        return users_for_filter(self.request.user)

    class Meta(SiteHistoryReportFilterSet.Meta):
        pass


class AuditLogView(RefuseInvalidFiltersMixin, LogEntriesView):
    filterset_class = AuditLogFilterSet

    def get_filtered_queryset(self):
        """Wagtail's union of every log model's entries, each narrowed first."""
        self.log_models = log_entry_models()
        first, *others = [
            self.filter_queryset(
                viewable_entries(log_model, self.request.user)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            ).order_by()
            for index, log_model in enumerate(self.log_models)
        ]
        return first.union(*others, all=True).order_by("-timestamp")


def admin_view(view):
    return never_cache(require_admin_access(view))


# Included at admin/reports/site-history/, before Wagtail's admin URLs.
urlpatterns = [
    path("", admin_view(AuditLogView.as_view())),
    path("results/", admin_view(AuditLogView.as_view(results_only=True))),
]
