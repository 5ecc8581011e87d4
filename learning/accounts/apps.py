from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "learning.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import signal_handlers  # noqa: F401


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our fields: name as printed, organisation and the
    organisations a focal point looks after (INSTALLED_APPS names this instead of
    "wagtail.users")."""

    default = False
    user_viewset = "learning.accounts.admin_forms.UserViewSet"
