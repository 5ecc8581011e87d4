"""Course pages load these to show a learner's progress; courses know nothing of it."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from ..state import course_state_for

register = template.Library()


@register.simple_tag(takes_context=True)
def course_state(context, course):
    return course_state_for(context["request"], course)


@register.inclusion_tag("includes/course_outline.html", takes_context=True)
def course_outline(context, course, current=None, show_summaries=False):
    request = context["request"]
    state = course_state(context, course)
    rows = state.rows()
    enrolled = state.enrolment is not None
    return {
        # {% pageurl %} finds the site's root paths on the request, once a page.
        "request": request,
        "rows": rows,
        "enrolled": enrolled,
        "current": current,
        "show_summaries": show_summaries,
        "fingerprint": outline_fingerprint(
            rows, current, enrolled, show_summaries, Site.find_for_request(request)
        ),
    }


def outline_fingerprint(rows, current, enrolled, show_summaries, site):
    """Everything the rendered outline depends on, so that learners at the same
    point share one cached copy. A step's title, summary or place changes only
    when it is published or moved, and either changes its `last_published_at` or
    its `url_path`."""
    steps = [
        (
            row["step"].pk,
            row["step"].url_path,
            row["step"].last_published_at,
            row["state"],
            row["readable"],
        )
        for row in rows
    ]
    return repr(
        (
            get_language(),
            site and site.pk,
            current and current.pk,
            enrolled,
            show_summaries,
            steps,
        )
    )


@register.simple_tag(takes_context=True)
def progress_fingerprint(context, state):
    """Everything a course page's progress summary depends on (the bar, the
    resume link, the re-certifying line), so that learners at the same point
    share one cached copy: the steps' states as in the outline, whether the
    learner has begun, and the date of their previous completion."""
    site = Site.find_for_request(context["request"])
    previous = state.previous_completion
    return repr(
        (
            outline_fingerprint(state.rows(), None, True, False, site),
            bool(state.progress),
            previous and previous.completed_at,
        )
    )


@register.simple_tag(takes_context=True)
def step_is_done(context, course, step):
    return course_state(context, course).is_done(step)
