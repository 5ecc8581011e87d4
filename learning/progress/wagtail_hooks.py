from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.models import CourseStep

from .services import record_visit
from .state import CourseState


@hooks.register("before_serve_page")
def follow_the_learner_through_steps(page, request, serve_args, serve_kwargs):
    """For an enrolled learner: a step still locked (the course is taken in order)
    sends them back to the course with the reason; any other visit is remembered."""
    if not isinstance(page, CourseStep) or not request.user.is_authenticated:
        return None
    course = page.get_parent().specific
    state = CourseState.for_user(course, request.user)
    if state.enrolment is None:
        return None
    if blocking := state.blocking_step(page):
        messages.warning(
            request,
            _("“%(step)s” opens once you have completed “%(before)s”.")
            % {"step": page.title, "before": blocking.title},
        )
        return redirect(course.url)
    record_visit(state.enrolment, page, now=timezone.now())
    return None
