"""Who may report on what, through groups (run after every migrate and test flush;
only adds what is missing).

- Focal points see the completion report and the course summaries of their
  organisations (and those below them).
- Authors and editors see course summaries of every organisation: aggregates,
  which name nobody. Granting them `view_completion_report` too would show them
  every learner's row.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from courses.authoring import AUTHORS, EDITORS
from learning.accounts.roles import FOCAL_POINTS

GROUP_PERMISSIONS = {
    FOCAL_POINTS: ["view_course_summary", "view_completion_report"],
    AUTHORS: ["view_course_summary", "report_on_all_organisations"],
    EDITORS: ["view_course_summary", "report_on_all_organisations"],
}


@transaction.atomic
def ensure_report_roles():
    for group_name, codenames in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="reports", codename__in=codenames
            )
        )
