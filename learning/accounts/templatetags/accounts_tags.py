from django import template
from django.conf import settings
from django.core.cache import caches

register = template.Library()


@register.simple_tag
def signup_open():
    """Whether visitors may create an account (settings.SIGNUP_OPEN)."""
    return settings.SIGNUP_OPEN


ADMIN_LINK_SECONDS = 300


@register.simple_tag
def may_use_admin(user):
    """Whether the header links to the admin. Permissions are read once every few
    minutes per person and process rather than with two queries on every page;
    the admin itself checks them on every request."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    key = f"accounts:may-use-admin:{user.pk}"
    allowed = caches["local"].get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        caches["local"].set(key, allowed, ADMIN_LINK_SECONDS)
    return allowed
