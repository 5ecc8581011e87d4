"""{% cache_published "name" page [other ...] %}…{% end_cache_published %}: HTML that
depends only on published content, rendered once per revision and language in each
process (rich text links, images, topics and page URLs cost queries and rendering).

The key names the page's revision, and that of each other page given after it (a
step's course and neighbours, say; a list of pages counts as each of them); any
other value given there is part of the key as it is. So publishing again shows the
new content at once with nothing to invalidate. Links, images and topics inside
point at other pages, files and tags, which may change without these pages: an hour
bounds how long they stay stale.
A preview is always rendered afresh.
"""

from hashlib import md5

from django import template
from django.core.cache import caches
from django.utils.translation import get_language
from wagtail.models import Page, Site

register = template.Library()

PUBLISHED_FRAGMENT_SECONDS = 3600


@register.tag
def cache_published(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            '{% cache_published "name" page %} takes a name and a page.'
        )
    nodelist = parser.parse(("end_cache_published",))
    parser.delete_first_token()
    name, page, *others = (parser.compile_filter(bit) for bit in bits[1:])
    return PublishedFragmentNode(nodelist, name, page, others)


def version(value):
    """What identifies a value's published state in a key."""
    if isinstance(value, Page):
        stamp = value.last_published_at and value.last_published_at.timestamp()
        return f"{value.pk}@{stamp}{value.url_path}"
    if isinstance(value, (list, tuple)):
        return ",".join(map(version, value))
    return str(value)


class PublishedFragmentNode(template.Node):
    def __init__(self, nodelist, name, page, others=()):
        self.nodelist = nodelist
        self.name = name
        self.page = page
        self.others = others

    def render(self, context):
        page = self.page.resolve(context)
        request = context.get("request")
        if getattr(request, "is_preview", False) or page.last_published_at is None:
            return self.nodelist.render(context)
        # Links inside are relative to the site the request came to.
        site = request and Site.find_for_request(request)
        others = ":".join(version(other.resolve(context)) for other in self.others)
        key = (
            f"published:{self.name.resolve(context)}:{page.pk}:"
            f"{page.last_published_at.timestamp()}:{get_language()}:"
            f"{site and site.pk}:{md5(others.encode()).hexdigest()}"
        )
        cache = caches["local"]
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, PUBLISHED_FRAGMENT_SECONDS)
        return html
