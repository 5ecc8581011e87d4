from django import template
from wagtail.rich_text import RichText
from wagtail.templatetags.wagtailcore_tags import richtext

from courses.blocks import INLINE_FEATURES
from courses.rich_text import features_of, sanitise

register = template.Library()


@register.filter
def sanitised_richtext(value, field=None):
    """Wagtail's |richtext, after cleaning the text to the features its editor
    allows: those of the rich text field named "app_label.Model.field"
    (``{{ page.body|sanitised_richtext:"courses.InfoPage.body" }}``), else the
    inline ones of lesson blocks. The editor only writes those; text that came
    another way (an import, a script) would otherwise reach the page with its
    scripts, on* handlers and javascript: links. The stored text is left as it is
    for the editor."""
    source = value.source if isinstance(value, RichText) else value or ""
    features = features_of(field) if field else INLINE_FEATURES
    return richtext(sanitise(source, features))
