"""Course pages load these to show a learner's progress; courses know nothing of it."""

from django import template

from ..state import CourseState

register = template.Library()


@register.simple_tag(takes_context=True)
def course_state(context, course):
    """The requesting learner's state in the course, computed once per request."""
    request = context["request"]
    states = request.__dict__.setdefault("_course_states", {})
    if course.pk not in states:
        states[course.pk] = CourseState.for_user(course, request.user)
    return states[course.pk]


@register.inclusion_tag("includes/course_outline.html", takes_context=True)
def course_outline(context, course, current=None, show_summaries=False):
    state = course_state(context, course)
    return {
        "rows": state.rows(),
        "enrolled": state.enrolment is not None,
        "current": current,
        "show_summaries": show_summaries,
    }


@register.simple_tag(takes_context=True)
def step_is_done(context, course, step):
    return course_state(context, course).is_done(step)
