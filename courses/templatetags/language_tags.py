"""{% language_links as languages %}: the language switcher's links for the page
being shown (see learning/languages.py), worked out once per request."""

from django import template
from django.utils import translation

from learning.languages import language_links as links_for

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context.get("request")
    if request is None:
        return []
    key = translation.get_language()
    memo = getattr(request, "_language_links", None)
    if memo is None or memo[0] != key:
        memo = (key, links_for(request, context.get("page")))
        request._language_links = memo
    return memo[1]
