"""Roles held through groups: focal points enrol and follow their organisations'
people in the admin.

`ensure_roles()` runs after every migrate (and after a test flush) and only creates
what is missing.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

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
