from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_settings_menu = True
    list_display = ["acronym", "name", "parent"]
    list_filter = ["parent"]
    search_fields = ["acronym", "name"]
    form_fields = ["acronym", "name", "parent"]
    ordering = ["acronym"]


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("organisations")


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action("accounts.sign_up", _("Sign up"), _("Signed up"))
    actions.register_action(
        "accounts.verify_email", _("Verify email"), _("Email address verified")
    )
    actions.register_action("accounts.invite", _("Invite"), _("Invited"))
    actions.register_action(
        "accounts.accept_invitation", _("Accept invitation"), _("Invitation accepted")
    )
    actions.register_action(
        "accounts.unsubscribe",
        _("Unsubscribe from reminders"),
        _("Unsubscribed from email reminders"),
    )
    actions.register_action(
        "accounts.edit_profile", _("Edit profile"), _("Profile edited")
    )
