from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter, log
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.bulk_actions.set_active_state import (
    SetActiveStateBulkAction,
)

from learning.admin_listing import ValidatedIndexView

from .actions import CreateUserAction, EditUserAction
from .models import Organisation, User
from .roles import CHANGE_ROLES, log_role_changes, roles_of


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    index_view_class = ValidatedIndexView
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


# Role changes (learning/accounts/roles.py): the user admin's create and edit
# forms, and its bulk actions "Assign role" and "Set active state". Accounts
# deleted in bulk are logged as Wagtail logs one deleted from its own page.


@hooks.register("register_actions")
def register_user_actions(registry):
    registry.register(User, CreateUserAction)
    registry.register(User, EditUserAction)


ROLE_BULK_ACTIONS = (AssignRoleBulkAction, SetActiveStateBulkAction)


@hooks.register("before_bulk_action")
def audit_before_user_bulk_action(request, action_type, objects, action):
    if isinstance(action, ROLE_BULK_ACTIONS):
        action.roles_before = roles_of(objects)
    elif isinstance(action, DeleteBulkAction):
        for user in objects:
            log(user, "wagtail.delete", user=request.user, deleted=True)


@hooks.register("after_bulk_action")
def audit_after_user_bulk_action(request, action_type, objects, action):
    if isinstance(action, ROLE_BULK_ACTIONS):
        after = roles_of(objects)
        for user in objects:
            log_role_changes(
                user, action.roles_before.get(user.pk), after[user.pk], by=request.user
            )


def listed(names):
    return ", ".join(str(name) for name in names)


class ChangeRolesFormatter(LogFormatter):
    """What changed, in words: "Roles changed: added to Focal points; made an
    administrator"."""

    label = _("Change roles")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        changes = []
        if groups := data.get("groups_added"):
            changes.append(gettext("added to %(groups)s") % {"groups": listed(groups)})
        if groups := data.get("groups_removed"):
            changes.append(
                gettext("removed from %(groups)s") % {"groups": listed(groups)}
            )
        if data.get("is_superuser") is True:
            changes.append(gettext("made an administrator"))
        elif data.get("is_superuser") is False:
            changes.append(gettext("no longer an administrator"))
        if data.get("is_active") is True:
            changes.append(gettext("account activated"))
        elif data.get("is_active") is False:
            changes.append(gettext("account deactivated"))
        if organisations := data.get("focal_organisations_added"):
            changes.append(
                gettext("made focal point for %(organisations)s")
                % {"organisations": listed(organisations)}
            )
        if organisations := data.get("focal_organisations_removed"):
            changes.append(
                gettext("no longer focal point for %(organisations)s")
                % {"organisations": listed(organisations)}
            )
        if fields := data.get("also_edited"):
            changes.append(
                gettext("also edited: %(fields)s") % {"fields": listed(fields)}
            )
        if data.get("created"):
            return gettext("Account created: %(changes)s") % {
                "changes": "; ".join(changes)
            }
        return gettext("Roles changed: %(changes)s") % {"changes": "; ".join(changes)}


@hooks.register("register_log_actions")
def register_role_log_action(actions):
    actions.register_action(CHANGE_ROLES)(ChangeRolesFormatter)
