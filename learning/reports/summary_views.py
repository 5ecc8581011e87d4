"""The course summaries in the admin: every course on one page
(/admin/reports/courses/), one course with its organisations and quizzes on
another (/admin/reports/courses/<pk>/). Charts, the tables of the same figures,
and CSV/XLSX exports (`?export=csv`, `?export=xlsx`) of what the page shows.

Only people who may view course summaries reach them (Wagtail's usual
"permission denied" redirect otherwise); the figures cover the learners they
may report on and never name one.
"""

from functools import cached_property

from django import forms
from django.db.models import TextChoices
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from taggit.models import Tag
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Locale

from courses.models import CoursePage
from learning.fields import IdChoiceField

from . import charts
from .completion import Column
from .exports import download_response, record_streamed_export
from .filters import describe_filters, export_query
from .models import ExportFormat, ReportKind
from .scope import (
    may_view_completion_report,
    may_view_course_summary,
    organisations_in_report_scope,
)
from .summary import ACTIVE_DAYS, summarise_course, summarise_courses

# Columns of the exports

FIGURE_COLUMNS = [
    Column("enrolled", gettext_lazy("Enrolled"), "number"),
    Column("active", gettext_lazy("Active (last 30 days)"), "number"),
    Column("not_started", gettext_lazy("Not started"), "number"),
    Column("in_progress", gettext_lazy("In progress"), "number"),
    Column("overdue", gettext_lazy("Overdue"), "number"),
    Column("completed", gettext_lazy("Completed"), "number"),
    Column("withdrawn", gettext_lazy("Withdrawn or removed"), "number"),
    Column("completion_rate", gettext_lazy("Completion rate %"), "number"),
    Column("median_days", gettext_lazy("Median days to complete"), "number"),
]
QUIZ_COLUMNS = [
    Column("attempts", gettext_lazy("Finished attempts"), "number"),
    Column("learners", gettext_lazy("Learners with a finished attempt"), "number"),
    Column("passed", gettext_lazy("Learners who passed"), "number"),
    Column("average_score", gettext_lazy("Average score %"), "number"),
    Column("pass_rate", gettext_lazy("Pass rate %"), "number"),
]


class Section(TextChoices):
    COURSE = "course", gettext_lazy("Course")
    ORGANISATION = "organisation", gettext_lazy("Organisation")
    QUIZ = "quiz", gettext_lazy("Quiz")
    QUIZ_ORGANISATION = "quiz_organisation", gettext_lazy("Quiz by organisation")


LIST_COLUMNS = [Column("course", gettext_lazy("Course")), *FIGURE_COLUMNS]
COURSE_COLUMNS = [
    Column("section", gettext_lazy("Section"), "choice", Section),
    Column("course", gettext_lazy("Course")),
    Column("organisation", gettext_lazy("Organisation")),
    Column("quiz", gettext_lazy("Quiz")),
    *FIGURE_COLUMNS,
    *QUIZ_COLUMNS,
]


def values_of(figures, columns):
    if figures is None:
        return [None] * len(columns)
    return [getattr(figures, column.key) for column in columns]


def course_list_rows(courses):
    return [
        [course.title, *values_of(course.figures, FIGURE_COLUMNS)] for course in courses
    ]


def course_rows(summary):
    """One file for the course page: the course, its organisations, its quizzes
    and their organisations, each row saying which it is (its "section")."""
    title = summary.course.title

    def row(section, organisation="", quiz="", figures=None, quiz_figures=None):
        return [
            section,
            title,
            organisation,
            quiz,
            *values_of(figures, FIGURE_COLUMNS),
            *values_of(quiz_figures, QUIZ_COLUMNS),
        ]

    return [
        row(Section.COURSE, figures=summary.course.figures),
        *(
            row(Section.ORGANISATION, organisation.label, figures=figures)
            for organisation, figures in summary.by_organisation
        ),
        *(
            row(Section.QUIZ, quiz=quiz.title, quiz_figures=quiz.figures)
            for quiz in summary.quizzes
        ),
        *(
            row(
                Section.QUIZ_ORGANISATION, organisation.label, quiz.title, None, figures
            )
            for quiz in summary.quizzes
            for organisation, figures in quiz.by_organisation.items()
        ),
    ]


# Filters


class SummaryFilterForm(forms.Form):
    """The organisation (with those below it) among those the user may report
    on; a value outside them is refused, never widened to everyone."""

    organisation = IdChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All organisations"),
        help_text=gettext_lazy("With the organisations below it."),
        error_messages={
            "invalid_choice": gettext_lazy(
                "This organisation does not exist or is not one you may report on."
            )
        },
    )
    topic = IdChoiceField(
        label=gettext_lazy("Topic"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All topics"),
        error_messages={"invalid_choice": gettext_lazy("There is no such topic.")},
    )

    def __init__(self, data, *, user, with_topic):
        super().__init__(data)
        self.fields["organisation"].queryset = organisations_in_report_scope(
            user
        ).order_by("acronym")
        if with_topic:
            self.fields["topic"].queryset = (
                Tag.objects.filter(courses_coursepagetag_items__isnull=False)
                .distinct()
                .order_by("name")
            )
        else:
            del self.fields["topic"]

    def error_text(self):
        return " ".join(
            f"{self.fields[name].label}: {' '.join(errors)}"
            for name, errors in self.errors.items()
        )


# The pages


class SummaryView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"
    with_topic = False

    def dispatch(self, request, *args, **kwargs):
        if not may_view_course_summary(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def now(self):
        return timezone.now()

    @cached_property
    def form(self):
        return SummaryFilterForm(
            self.request.GET, user=self.request.user, with_topic=self.with_topic
        )

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format is not None and export_format not in ExportFormat.values:
            return self.refuse(
                _("Unknown export format “%(format)s”: use csv or xlsx.")
                % {"format": export_format[:20]}
            )
        if not self.form.is_valid():
            if export_format:
                return self.refuse(self.form.error_text())
            context = self.get_context_data(invalid=True)
            return self.render_to_response(context, status=400)
        if export_format:
            return self.export(export_format)
        return self.render_to_response(self.get_context_data())

    def refuse(self, message):
        return TemplateResponse(
            self.request,
            "reports/admin/export_refused.html",
            {"message": message, "back_url": self.request.path},
            status=400,
        )

    def export(self, export_format):
        columns, rows = self.export_rows()
        params = self.export_params()
        record_streamed_export(
            self.request.user,
            report=ReportKind.COURSE_SUMMARY,
            export_format=export_format,
            query=export_query(params),
            filters=describe_filters(params),
            rows=len(rows),
            now=self.now,
        )
        return download_response(
            rows,
            columns,
            export_format,
            report=ReportKind.COURSE_SUMMARY,
            user=self.request.user,
            now=self.now,
        )

    def export_params(self):
        return self.request.GET

    def export_url(self, export_format):
        params = [
            (key, value)
            for key, values in self.request.GET.lists()
            if key != "export"
            for value in values
        ]
        return "?" + urlencode([*params, ("export", export_format)])

    def get_header_buttons(self):
        if not self.form.is_valid():
            return []
        return [
            HeaderButton(
                _("Download CSV"), url=self.export_url("csv"), icon_name="download"
            ),
            HeaderButton(
                _("Download XLSX"), url=self.export_url("xlsx"), icon_name="download"
            ),
        ]

    def get_context_data(self, invalid=False, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, invalid=invalid, active_days=ACTIVE_DAYS)
        return context


class CourseSummaryListView(SummaryView):
    template_name = "reports/admin/summary/index.html"
    page_title = gettext_lazy("Course summaries")
    with_topic = True

    @cached_property
    def courses(self):
        return summarise_courses(
            self.request.user,
            now=self.now,
            organisation=self.form.cleaned_data["organisation"],
            topic=self.form.cleaned_data["topic"],
        )

    def export_rows(self):
        return LIST_COLUMNS, course_list_rows(self.courses)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, invalid=False, **kwargs):
        context = super().get_context_data(invalid=invalid, **kwargs)
        if invalid:
            return context
        courses = self.courses
        chart = charts.stacked_bar_chart(
            "course-status-chart",
            title=_("Enrolments by status, for each course"),
            description=_(
                "For each of %(count)s courses, a bar cut into the enrolments "
                "completed, in progress, overdue and not started. The table "
                "below gives the same figures."
            )
            % {"count": len(courses)},
            rows=[(course.title, course.figures) for course in courses],
        )
        context.update(
            courses=courses,
            chart=chart,
            has_enrolments=any(course.figures.enrolled for course in courses),
            query=self.filter_query(),
        )
        return context

    def filter_query(self):
        """The organisation filter, passed on to each course's page."""
        organisation = self.form.cleaned_data["organisation"]
        return urlencode({"organisation": organisation.pk}) if organisation else ""


class CourseSummaryView(SummaryView):
    template_name = "reports/admin/summary/course.html"

    def get(self, request, *args, **kwargs):
        self.page = get_object_or_404(
            CoursePage, pk=kwargs["pk"], locale=Locale.get_default()
        )
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Course summary: %(course)s") % {"course": self.page.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("learning_reports:course_summaries"),
                "label": _("Course summaries"),
            },
            {"url": "", "label": self.page.title},
        ]

    @cached_property
    def summary(self):
        return summarise_course(
            self.request.user,
            self.page,
            now=self.now,
            organisation=self.form.cleaned_data["organisation"],
        )

    def export_rows(self):
        return COURSE_COLUMNS, course_rows(self.summary)

    def export_params(self):
        params = self.request.GET.copy()
        params["course"] = str(self.page.pk)
        return params

    def completion_report_url(self):
        if not may_view_completion_report(self.request.user):
            return None
        params = {"course": self.page.pk}
        if organisation := self.form.cleaned_data["organisation"]:
            params["organisation"] = organisation.pk
        return reverse("learning_reports:completion") + "?" + urlencode(params)

    def get_context_data(self, invalid=False, **kwargs):
        context = super().get_context_data(invalid=invalid, **kwargs)
        context["course_page"] = self.page
        if invalid:
            return context
        summary = self.summary
        figures = summary.course.figures
        title = summary.course.title
        context.update(
            summary=summary,
            figures=figures,
            status_chart=charts.stacked_bar_chart(
                "course-status-chart",
                title=_("Enrolments in %(course)s by status") % {"course": title},
                description=_(
                    "%(enrolled)s enrolled: %(completed)s completed, %(in_progress)s "
                    "in progress, %(overdue)s overdue, %(not_started)s not started. "
                    "The table below gives the same figures."
                )
                % vars(figures),
                rows=[(title, figures)],
            ),
            rate_chart=charts.rate_bar_chart(
                "organisation-rate-chart",
                title=_("Completion rate by organisation"),
                description=_(
                    "For each of %(count)s organisations, the share of its "
                    "enrolled learners who completed the course. The table below "
                    "gives the same figures."
                )
                % {"count": len(summary.by_organisation)},
                rows=[
                    (
                        organisation.short_label,
                        organisation.label,
                        org_figures.completion_rate,
                        org_figures.completed,
                        org_figures.enrolled,
                    )
                    for organisation, org_figures in summary.by_organisation
                ],
            ),
            completion_report_url=self.completion_report_url(),
        )
        return context


urlpatterns = [
    path("courses/", CourseSummaryListView.as_view(), name="course_summaries"),
    path("courses/<int:pk>/", CourseSummaryView.as_view(), name="course_summary"),
]


class CourseSummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_course_summary(request.user)


def menu_item():
    return CourseSummaryMenuItem(
        gettext_lazy("Course summaries"),
        reverse("learning_reports:course_summaries"),
        icon_name="table",
        order=20,
    )
