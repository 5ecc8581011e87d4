from django import template
from wagtail.rich_text import RichText
from wagtail.templatetags.wagtailcore_tags import richtext

from courses.rich_text import sanitise

register = template.Library()


@register.filter
def sanitised_richtext(value):
    """Wagtail's |richtext, after cleaning the text to the features the editor
    allows. The editor only writes those; text that came another way (an import,
    a script) would otherwise reach the page with its scripts, on* handlers and
    javascript: links. The stored text is left as it is for the editor."""
    source = value.source if isinstance(value, RichText) else value or ""
    return richtext(sanitise(source))
