"""Where a learner is turned back from a step: the rules the step pages, the quiz
start and the "done" button share (DESIGN.md: a course taken in order is enforced
on the server)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _


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
