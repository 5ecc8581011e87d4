from django.urls import include, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from courses.models import CoursePage, CourseStep

from . import import_views
from .admin_views import (
    DueDateForm,
    EnrolmentDeleteView,
    EnrolmentEditView,
    EnrolmentFilterSet,
    EnrolmentHistoryView,
    EnrolmentIndexView,
    EnrolmentPermissionPolicy,
    EnrolmentUsageView,
    EnrolPersonForm,
    EnrolPersonView,
    MarkCompleteView,
    RemoveEnrolmentView,
)
from .gates import refuse_locked_step, refuse_unreadable_step
from .models import Enrolment
from .services import note_reading_language, record_visit
from .state import course_state_for


@hooks.register("before_serve_page")
def note_the_language_of_the_course_page(page, request, serve_args, serve_kwargs):
    """An enrolled learner reading the course's overview: the language they read
    it in (the page's template builds the same course state: no query more)."""
    if isinstance(page, CoursePage):
        state = course_state_for(request, page)
        if state.enrolment is not None:
            note_reading_language(state.enrolment, page)


@hooks.register("before_serve_page")
def follow_the_learner_through_steps(page, request, serve_args, serve_kwargs):
    """A step is served to whoever may read it. For an enrolled learner, a step
    still locked (the course is taken in order) sends them back to the course with
    the reason; any other visit is remembered, with the language it is read in."""
    if not isinstance(page, CourseStep):
        return None
    state = course_state_for(request, page.course)
    if response := refuse_unreadable_step(request, state, page):
        return response
    if state.enrolment is None:
        return None
    if response := refuse_locked_step(request, state, page):
        return response
    # Keep the shared state current, so the page shows this step as started.
    state.progress[page.translation_key] = record_visit(
        state.enrolment,
        page,
        now=timezone.now(),
        known=state.progress.get(page.translation_key),
    )
    note_reading_language(state.enrolment, page)
    return None


@hooks.register("before_start_quiz_attempt")
def refuse_attempts_at_unreadable_or_locked_quizzes(request, quiz):
    state = course_state_for(request, quiz.course)
    if response := refuse_unreadable_step(request, state, quiz):
        return response
    return refuse_locked_step(request, state, quiz) if state.enrolment else None


@hooks.register("quiz_attempts_count_from")
def count_attempts_from_the_current_cycle(quiz, learner):
    """A learner re-certifying has the quiz's attempts afresh in the new cycle."""
    return (
        Enrolment.objects.active()
        .for_course(quiz.course)
        .filter(learner=learner, cycle_started_at__isnull=False)
        .values_list("cycle_started_at", flat=True)
        .first()
    )


@hooks.register("register_admin_urls")
def register_enrolment_import_urls():
    return [path("enrolment-imports/", include(import_views))]


@hooks.register("register_admin_menu_item")
def register_enrolment_import_menu_item():
    return import_views.menu_item()


@hooks.register("register_log_actions")
def register_bulk_enrol_log_action(actions):
    actions.register_action("progress.bulk_enrol")(import_views.BulkEnrolLogFormatter)


# Enrolments in the admin (admin_views.py): scoped to the organisations the user
# looks after; removed with a reason, never deleted; completions recorded by hand.

register_permission_policy(Enrolment, EnrolmentPermissionPolicy(Enrolment))


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    icon = "group"
    menu_label = gettext_lazy("Enrolments")
    menu_order = 270
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = EnrolmentIndexView
    add_view_class = EnrolPersonView
    edit_view_class = EnrolmentEditView
    delete_view_class = EnrolmentDeleteView
    history_view_class = EnrolmentHistoryView
    usage_view_class = EnrolmentUsageView
    filterset_class = EnrolmentFilterSet
    search_fields = [
        "learner__full_name",
        "learner__first_name",
        "learner__last_name",
        "learner__email",
    ]

    def get_form_class(self, for_update=False):
        return DueDateForm if for_update else EnrolPersonForm

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(panel=None, **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(panel=None, **kwargs)

    @property
    def remove_view(self):
        return self.construct_view(RemoveEnrolmentView)

    @property
    def mark_complete_view(self):
        return self.construct_view(MarkCompleteView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("remove/<int:pk>/", self.remove_view, name="remove"),
            path("complete/<int:pk>/", self.mark_complete_view, name="mark_complete"),
        ]


@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return EnrolmentViewSet("enrolments")


class ReasonLogFormatter(LogFormatter):
    """The reason shows in Wagtail's history next to what was done (the comment
    column is shown only for models with revisions)."""

    def format_message(self, log_entry):
        return _("%(action)s. Reason: %(reason)s") % {
            "action": self.describe(log_entry),
            "reason": log_entry.data.get("reason", ""),
        }

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")

    def describe(self, log_entry):
        return self.message


@hooks.register("register_log_actions")
def register_enrolment_log_actions(actions):
    actions.register_action(
        "progress.enrol", gettext_lazy("Enrol"), gettext_lazy("Enrolled")
    )
    actions.register_action(
        "progress.change_due_date",
        gettext_lazy("Change due date"),
        gettext_lazy("Due date changed"),
    )

    @actions.register_action("progress.remove_enrolment")
    class RemoveEnrolment(ReasonLogFormatter):
        label = gettext_lazy("Remove enrolment")
        message = gettext_lazy("Removed from the course")

    @actions.register_action("progress.mark_step_complete")
    class MarkStepComplete(ReasonLogFormatter):
        label = gettext_lazy("Mark step complete")

        def describe(self, log_entry):
            return _("Step “%(step)s” marked complete") % {
                "step": log_entry.data.get("step", "")
            }

    @actions.register_action("progress.mark_course_complete")
    class MarkCourseComplete(ReasonLogFormatter):
        label = gettext_lazy("Mark course complete")
        message = gettext_lazy("Course marked complete")


@hooks.register("register_log_actions")
def register_cycle_log_actions(actions):
    @actions.register_action("progress.start_cycle")
    class StartCycle(LogFormatter):
        label = gettext_lazy("Start re-certification")

        def format_message(self, log_entry):
            return _("Re-certification started (cycle %(cycle)s)") % {
                "cycle": log_entry.data.get("cycle", "")
            }
