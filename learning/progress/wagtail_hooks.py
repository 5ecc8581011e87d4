from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.models import CourseStep

from .services import record_visit
from .state import course_state_for


def refuse_locked_step(request, state, step):
    """Send the learner back to the course, saying which step comes first."""
    if blocking := state.blocking_step(step):
        messages.warning(
            request,
            _("“%(step)s” opens once you have completed “%(before)s”.")
            % {"step": step.title, "before": blocking.title},
        )
        return redirect(state.course.url)
    return None


def refuse_unreadable_step(request, state, step):
    """Steps of a course are for its learners: visitors are asked to sign in, and
    people signed in to enrol, on the course's overview."""
    if state.can_read(step):
        return None
    if not request.user.is_authenticated:
        messages.info(request, _("Sign in and enrol to read this course."))
        return redirect_to_login(request.get_full_path())
    messages.info(
        request,
        _("Enrol in %(course)s to read “%(step)s”.")
        % {"course": state.course.title, "step": step.title},
    )
    return redirect(state.course.url)


@hooks.register("before_serve_page")
def follow_the_learner_through_steps(page, request, serve_args, serve_kwargs):
    """A step is served to whoever may read it. For an enrolled learner, a step
    still locked (the course is taken in order) sends them back to the course with
    the reason; any other visit is remembered."""
    if not isinstance(page, CourseStep):
        return None
    state = course_state_for(request, page.get_parent().specific)
    if response := refuse_unreadable_step(request, state, page):
        return response
    if state.enrolment is None:
        return None
    if response := refuse_locked_step(request, state, page):
        return response
    # Keep the shared state current, so the page shows this step as started.
    state.progress[page.translation_key] = record_visit(
        state.enrolment, page, now=timezone.now()
    )
    return None


@hooks.register("before_start_quiz_attempt")
def refuse_attempts_at_unreadable_or_locked_quizzes(request, quiz):
    state = course_state_for(request, quiz.get_parent().specific)
    if response := refuse_unreadable_step(request, state, quiz):
        return response
    return refuse_locked_step(request, state, quiz) if state.enrolment else None
