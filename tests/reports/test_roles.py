"""Who may report on what, as set up after every migrate."""

import pytest
from django.contrib.auth.models import Group

from courses.authoring import AUTHORS, EDITORS
from learning.accounts.roles import FOCAL_POINTS
from learning.reports.roles import ensure_report_roles
from learning.reports.scope import (
    may_view_completion_report,
    may_view_course_summary,
    reports_on_everyone,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def report_permissions(group_name):
    return set(
        Group.objects.get(name=group_name)
        .permissions.filter(content_type__app_label="reports")
        .values_list("codename", flat=True)
    )


def test_groups_hold_their_report_rights_and_a_second_run_changes_nothing():
    before = {
        name: report_permissions(name) for name in (FOCAL_POINTS, AUTHORS, EDITORS)
    }
    ensure_report_roles()
    assert before == {name: report_permissions(name) for name in before}
    assert before[FOCAL_POINTS] == {"view_course_summary", "view_completion_report"}
    # Authors and editors: aggregates over everyone, but no row naming a learner.
    for name in (AUTHORS, EDITORS):
        assert before[name] == {"view_course_summary", "report_on_all_organisations"}


@pytest.mark.parametrize(
    ("groups", "superuser", "rows", "summary", "everyone"),
    [
        ([FOCAL_POINTS], False, True, True, False),
        ([AUTHORS], False, False, True, True),
        ([EDITORS], False, False, True, True),
        ([], True, True, True, True),
        ([], False, False, False, False),
    ],
)
def test_what_each_role_may_see(groups, superuser, rows, summary, everyone):
    user = UserFactory(groups=groups, is_superuser=superuser)
    assert may_view_completion_report(user) is rows
    assert may_view_course_summary(user) is summary
    assert reports_on_everyone(user) is everyone


def test_an_inactive_user_sees_nothing():
    user = UserFactory(groups=[FOCAL_POINTS], is_active=False)
    assert not may_view_completion_report(user)
    assert not may_view_course_summary(user)
