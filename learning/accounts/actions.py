"""Wagtail's create and edit actions for people, with their roles audit-logged.

Wagtail's user admin saves through these actions (registered for the user model in
wagtail_hooks.py) and logs "wagtail.create" / "wagtail.edit" naming the acting
user, but not what changed. When the save changes the person's roles (groups,
administrator rights, active account, organisations they are focal point for),
that one entry becomes "accounts.change_roles" with the change in its data;
otherwise Wagtail's own entry is written as before. One save, one entry.
"""

from contextlib import contextmanager

from django.db import transaction
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction
from wagtail.log_actions import log

from .roles import Roles, log_role_changes, roles_of

# Form fields that are roles (reported as such) or that say nothing by themselves.
ROLE_FIELDS = {"groups", "is_superuser", "is_active", "focal_organisations"}
UNREPORTED_FIELDS = {"password2"}


def also_edited(form):
    """Labels of the other fields the form changed, for the entry's data."""
    if form is None:
        return []
    return [
        str(form.fields[name].label or name)
        for name in form.changed_data
        if name in form.fields and name not in ROLE_FIELDS | UNREPORTED_FIELDS
    ]


class RoleLoggingMixin:
    @contextmanager
    def own_log_entry(self):
        """Wagtail's save without its log entry; yields the action it would have
        logged (None when it logs nothing), for the caller to write one entry."""
        log_action, self.log_action = self.log_action, None
        try:
            yield log_action
        finally:
            self.log_action = log_action


class CreateUserAction(RoleLoggingMixin, CreateAction):
    @transaction.atomic
    def _create(self, skip_permission_checks=False):
        with self.own_log_entry() as log_action:
            user = super()._create(skip_permission_checks=skip_permission_checks)
        if not log_action:
            return user
        logged = log_role_changes(
            user,
            Roles(is_active=True),  # a new account is active unless made otherwise
            roles_of([user])[user.pk],
            by=self.user,
            created=True,
        )
        if logged is None:
            log(instance=user, action=log_action, user=self.user, content_changed=True)
        return user


class EditUserAction(RoleLoggingMixin, EditAction):
    @transaction.atomic
    def _edit(self, skip_permission_checks=False):
        # The form has already put the new values on the instance; the database
        # still holds the old ones until the save below.
        before = roles_of([self.instance]).get(self.instance.pk)
        with self.own_log_entry() as log_action:
            user = super()._edit(skip_permission_checks=skip_permission_checks)
        if not log_action:
            return user
        logged = log_role_changes(
            user,
            before,
            roles_of([user])[user.pk],
            by=self.user,
            also_edited=also_edited(self.form),
        )
        if logged is None:
            log(
                instance=user,
                action=log_action,
                user=self.user,
                content_changed=self.content_changed,
            )
        return user
