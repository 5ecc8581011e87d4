"""Languages in page templates (see learning/languages.py).

{% language_links as languages %}: the language switcher's links for the page being
shown, worked out once per request. <h1{% content_lang page %}>: a `lang` attribute
where the page's words are in another language than the interface's (English
content on an Arabic page, an untranslated page under /fr/).
{% untranslated_notice page %}: says so when a page is not translated yet."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info

from learning.languages import content_language, untranslated_from
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


@register.simple_tag
def content_lang(page):
    language = content_language(page)
    if language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language)


@register.inclusion_tag("includes/untranslated_notice.html")
def untranslated_notice(page):
    source = untranslated_from(page)
    if source is None:
        return {}
    return {
        "reading": language_name(translation.get_language()),
        "source": language_name(source),
    }


def language_name(code):
    """A language's name as it reads mid-sentence in the interface language: of
    ours, only English capitalises the names of languages."""
    name = str(get_language_info(code)["name_translated"])
    return name if translation.get_language() == "en" else name.lower()
