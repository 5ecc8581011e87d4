"""Roles held through groups: focal points enrol and follow their organisations'
people in the admin.

`ensure_roles()` runs after every migrate (and after a test flush) and only creates
what is missing. Changes to someone's roles made in the admin are audit-logged
(`log_role_changes`, called from learning/accounts/actions.py and wagtail_hooks.py).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.log_actions import log

FOCAL_POINTS = "Focal points"

FOCAL_POINT_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("progress", "add_enrolment"),
    ("progress", "change_enrolment"),
    ("progress", "view_enrolment"),
    ("certificates", "view_certificate"),
    ("certificates", "change_certificate"),
]


@transaction.atomic
def ensure_roles():
    group, _ = Group.objects.get_or_create(name=FOCAL_POINTS)
    for app_label, codename in FOCAL_POINT_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:  # missing only while that app's migrations are undone
            group.permissions.add(permission)
    return group


def appoint_focal_point(user, organisations):
    """Make the user focal point for these organisations (and those below them)."""
    user.focal_organisations.add(*organisations)
    user.groups.add(ensure_roles())


# Role changes in the audit log --------------------------------------------------
#
# What a person may do in the admin: their groups, administrator (superuser) rights,
# whether the account is active, and the organisations they are focal point for.
# Taken before and after an administrator's change; the difference is written as
# one "accounts.change_roles" entry on the person, naming who made it.

CHANGE_ROLES = "accounts.change_roles"


@dataclass(frozen=True)
class Roles:
    groups: frozenset = frozenset()
    is_superuser: bool = False
    is_active: bool = False
    focal_organisations: frozenset = frozenset()


def roles_of(users):
    """{pk: Roles} of these users as stored, in three queries."""
    from .models import User

    pks = [user.pk for user in users]
    groups = defaultdict(set)
    for pk, name in User.groups.through.objects.filter(user_id__in=pks).values_list(
        "user_id", "group__name"
    ):
        groups[pk].add(name)
    focal = defaultdict(set)
    for pk, acronym in User.focal_organisations.through.objects.filter(
        user_id__in=pks
    ).values_list("user_id", "organisation__acronym"):
        focal[pk].add(acronym)
    return {
        pk: Roles(
            groups=frozenset(groups[pk]),
            is_superuser=is_superuser,
            is_active=is_active,
            focal_organisations=frozenset(focal[pk]),
        )
        for pk, is_superuser, is_active in User.objects.filter(pk__in=pks).values_list(
            "pk", "is_superuser", "is_active"
        )
    }


def role_changes(before, after):
    """What changed, as the audit entry's data (names, not ids: a group or an
    organisation may be renamed or deleted later); {} when nothing did."""
    before = before or Roles()
    changes = {}
    if added := sorted(after.groups - before.groups):
        changes["groups_added"] = added
    if removed := sorted(before.groups - after.groups):
        changes["groups_removed"] = removed
    if after.is_superuser != before.is_superuser:
        changes["is_superuser"] = after.is_superuser
    if after.is_active != before.is_active:
        changes["is_active"] = after.is_active
    if added := sorted(after.focal_organisations - before.focal_organisations):
        changes["focal_organisations_added"] = added
    if removed := sorted(before.focal_organisations - after.focal_organisations):
        changes["focal_organisations_removed"] = removed
    return changes


def log_role_changes(user, before, after, *, by, created=False, also_edited=()):
    """Write the entry if roles changed; returns it, or None if nothing did."""
    changes = role_changes(before, after)
    if not changes:
        return None
    if created:
        changes["created"] = True
    if also_edited:
        changes["also_edited"] = list(also_edited)
    return log(user, CHANGE_ROLES, user=by, data=changes)
