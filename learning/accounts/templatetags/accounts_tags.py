from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def signup_open():
    """Whether visitors may create an account (settings.SIGNUP_OPEN)."""
    return settings.SIGNUP_OPEN
