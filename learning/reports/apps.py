from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def set_up_report_roles(sender, app_config=None, **kwargs):
    # After the last app, when every group and permission exists.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is not last:
        return
    from .roles import ensure_report_roles

    ensure_report_roles()


class ReportsConfig(AppConfig):
    name = "learning.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        post_migrate.connect(set_up_report_roles, dispatch_uid="reports_roles_setup")
