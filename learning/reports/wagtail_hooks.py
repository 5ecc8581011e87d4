"""The reports in Wagtail's Reports menu, their URLs under /admin/reports/, and
the audit-log action of exports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import subscription_views, summary_views, views
from .scope import may_view_completion_report

urlpatterns = [
    path("completion/", views.CompletionReportView.as_view(), name="completion"),
    path(
        "completion/results/",
        views.CompletionReportView.as_view(results_only=True),
        name="completion_results",
    ),
    path("exports/", views.ExportListView.as_view(), name="exports"),
    path("exports/<int:pk>/", views.ExportDetailView.as_view(), name="export"),
    path(
        "exports/<int:pk>/download/",
        views.ExportDownloadView.as_view(),
        name="export_download",
    ),
    *summary_views.urlpatterns,
    *subscription_views.urlpatterns,
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/", include((urlpatterns, "learning_reports")))]


class CompletionReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_completion_report(request.user)


@hooks.register("register_reports_menu_item")
def register_completion_report_menu_item():
    return CompletionReportMenuItem(
        gettext_lazy("Completion report"),
        reverse("learning_reports:completion"),
        icon_name="tasks",
        order=10,
    )


@hooks.register("register_reports_menu_item")
def register_exports_menu_item():
    return CompletionReportMenuItem(
        gettext_lazy("My report exports"),
        reverse("learning_reports:exports"),
        icon_name="download",
        order=40,
    )


@hooks.register("register_reports_menu_item")
def register_course_summary_menu_item():
    return summary_views.menu_item()


@hooks.register("register_reports_menu_item")
def register_subscriptions_menu_item():
    return subscription_views.menu_item()


@hooks.register("register_log_actions")
def register_export_log_action(actions):
    @actions.register_action("reports.export")
    class ExportFormatter(LogFormatter):
        label = gettext_lazy("Export a report")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("Exported %(report)s as %(format)s: %(rows)s rows") % {
                "report": data.get("report", ""),
                "format": str(data.get("format", "")).upper(),
                "rows": data.get("rows", 0),
            }
