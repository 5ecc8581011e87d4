"""The completion report's filters, search and orderings, applied the same way to
the page in the admin and to an export run later by a worker: both go through
`CompletionReport`."""

from types import SimpleNamespace
from urllib.parse import urlencode

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from courses.models import CoursePage
from learning.accounts.models import Organisation
from learning.fields import IdChoiceFilter
from learning.progress.admin_views import (
    CourseChoiceFilter,
    OrganisationChoiceFilter,
    courses_for_filter,
)
from learning.progress.models import Enrolment

from .completion import RowStatus, completion_rows, status_conditions
from .scope import organisations_in_report_scope

SEARCH_FIELDS = [
    "learner__full_name",
    "learner__first_name",
    "learner__last_name",
    "learner__email",
]
# Column → what it sorts on; exports keep the order of the page they came from.
SORT_KEYS = {
    "learner": "learner_name",
    "email": "learner_email",
    "organisation": "organisation",
    "course": "course_title",
    "language": "language",
    "enrolled_at": "enrolled_at",
    "due_at": "due_at",
    "progress": "progress",
    "status": "row_status",
    "completed_at": "completed_at",
    "score": "score",
}
DEFAULT_ORDERING = "-enrolled_at"
VALID_ORDERINGS = {
    ordering for key in SORT_KEYS.values() for ordering in (key, f"-{key}")
}
# Query parameters that are not filters: the page, and Wagtail's fragment flag.
NOT_FILTERS = {"p", "export", "_w_filter_fragment"}


def organisations_for_filter(request):
    if request is None:
        return Organisation.objects.none()
    return organisations_in_report_scope(request.user).order_by("acronym")


def topics_for_filter(request):
    return Tag.objects.filter(courses_coursepagetag_items__isnull=False).distinct()


class TopicFilter(IdChoiceFilter):
    """Enrolments in courses with this topic (in any language)."""

    def filter(self, queryset, value):
        if value:
            keys = CoursePage.objects.filter(tags=value).values("translation_key")
            return queryset.filter(course_key__in=keys)
        return queryset


class CompletionReportFilterSet(WagtailFilterSet):
    course = CourseChoiceFilter(label=_("Course"), queryset=courses_for_filter)
    organisation = OrganisationChoiceFilter(
        label=_("Organisation"),
        queryset=organisations_for_filter,
        help_text=_("With the organisations below it."),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RowStatus.choices, method="filter_status"
    )
    topic = TopicFilter(label=_("Topic"), queryset=topics_for_filter)
    enrolled = django_filters.DateFromToRangeFilter(
        label=_("Enrolled"), field_name="enrolled_at", widget=DateRangePickerWidget
    )
    due = django_filters.DateFromToRangeFilter(
        label=_("Due"), field_name="due_at", widget=DateRangePickerWidget
    )
    completed = django_filters.DateFromToRangeFilter(
        label=_("Completed"), field_name="completed_at", widget=DateRangePickerWidget
    )

    class Meta:
        model = Enrolment
        fields = []

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now

    def filter_status(self, queryset, name, value):
        return queryset.filter(status_conditions(self.now)[value])


class InvalidFilters(ValueError):
    """The query names a filter value the user may not use (or that does not
    exist): nothing is shown or exported rather than more than was asked."""

    def __init__(self, errors):
        self.errors = errors
        messages = [f"{field}: {' '.join(errs)}" for field, errs in errors.items()]
        super().__init__("; ".join(messages))


def search(rows, query):
    query = (query or "").strip()
    if not query:
        return rows
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": query})
    return rows.filter(condition)


def ordering_from(params):
    ordering = params.get("ordering") or DEFAULT_ORDERING
    return ordering if ordering in VALID_ORDERINGS else DEFAULT_ORDERING


class CompletionReport:
    """The report's rows for these query parameters, as the user may see them.
    `rows()` raises InvalidFilters when a filter's value is out of reach."""

    def __init__(self, user, params, *, now, request=None):
        self.params = params
        self.filterset = CompletionReportFilterSet(
            params,
            queryset=completion_rows(user, now=now),
            now=now,
            request=request or SimpleNamespace(user=user),
        )

    def rows(self):
        if not self.filterset.is_valid():
            raise InvalidFilters(self.filterset.errors)
        rows = search(self.filterset.qs, self.params.get("q"))
        return rows.order_by(ordering_from(self.params), "pk")


def describe_filters(params):
    """The filters as written in the audit log and on an export's status page."""
    return {
        key: params.getlist(key) if len(params.getlist(key)) > 1 else params.get(key)
        for key in sorted(params)
        if key not in NOT_FILTERS and params.get(key)
    }


def export_query(params):
    """The query string that identifies an export: its filters, search and
    ordering in a stable order (the page number and format left out)."""
    pairs = sorted(
        (key, value)
        for key in params
        if key not in NOT_FILTERS
        for value in params.getlist(key)
        if value
    )
    return urlencode(pairs)
