"""Which learners a user may report on. Superusers, and those granted
`report_on_all_organisations`, report on everyone; anyone else (focal points)
on the learners of the organisations they look after and those below them."""

from learning.accounts.models import Organisation
from learning.progress.admin_views import managed_organisation_ids
from learning.progress.models import Enrolment


def reports_on_everyone(user):
    return user.is_superuser or user.has_perm("reports.report_on_all_organisations")


def may_view_completion_report(user):
    return user.is_active and user.has_perm("reports.view_completion_report")


def may_view_course_summary(user):
    return user.is_active and (
        user.has_perm("reports.view_course_summary") or may_view_completion_report(user)
    )


def enrolments_in_report_scope(user):
    enrolments = Enrolment.objects.all()
    if reports_on_everyone(user):
        return enrolments
    return enrolments.filter(learner__organisation__in=managed_organisation_ids(user))


def organisations_in_report_scope(user):
    if reports_on_everyone(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=managed_organisation_ids(user))
