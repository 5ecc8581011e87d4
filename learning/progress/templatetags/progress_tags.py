"""Course pages load these to show a learner's progress; courses know nothing of it."""

from django import template

from ..state import course_state_for

register = template.Library()


@register.simple_tag(takes_context=True)
def course_state(context, course):
    return course_state_for(context["request"], course)


@register.inclusion_tag("includes/course_outline.html", takes_context=True)
def course_outline(context, course, current=None, show_summaries=False):
    state = course_state(context, course)
    return {
        # {% pageurl %} finds the site's root paths on the request, once a page.
        "request": context["request"],
        "rows": state.rows(),
        "enrolled": state.enrolment is not None,
        "current": current,
        "show_summaries": show_summaries,
    }


@register.simple_tag(takes_context=True)
def step_is_done(context, course, step):
    return course_state(context, course).is_done(step)
