"""Re-certification in the completion panel: whether the learner may start a new
cycle now, and when the certificate expires (certificates answer through the
`may_start_new_cycle` hook; see learning/progress/cycles.py)."""

from django import template
from django.utils import timezone

from ..cycles import recertification as decide

register = template.Library()


@register.simple_tag
def recertification(completion):
    """The `Recertification` for this completion's enrolment, now."""
    return decide(completion.enrolment, now=timezone.now(), completion=completion)
