"""{% cache_published "name" page %}…{% end_cache_published %}: HTML that depends
only on a page's published content, rendered once per revision and language in
each process (rich text links, images and topics cost queries and rendering).

The key names the revision, so publishing again shows the new content at once with
nothing to invalidate. Links, images and topics inside point at other pages, files
and tags, which may change without this page: an hour bounds how long they stay
stale.
A preview is always rendered afresh.
"""

from django import template
from django.core.cache import caches
from django.utils.translation import get_language

register = template.Library()

PUBLISHED_FRAGMENT_SECONDS = 3600


@register.tag
def cache_published(parser, token):
    try:
        _, name, page = token.split_contents()
    except ValueError as error:
        raise template.TemplateSyntaxError(
            '{% cache_published "name" page %} takes a name and a page.'
        ) from error
    nodelist = parser.parse(("end_cache_published",))
    parser.delete_first_token()
    return PublishedFragmentNode(
        nodelist, parser.compile_filter(name), parser.compile_filter(page)
    )


class PublishedFragmentNode(template.Node):
    def __init__(self, nodelist, name, page):
        self.nodelist = nodelist
        self.name = name
        self.page = page

    def render(self, context):
        page = self.page.resolve(context)
        request = context.get("request")
        if getattr(request, "is_preview", False) or page.last_published_at is None:
            return self.nodelist.render(context)
        key = (
            f"published:{self.name.resolve(context)}:{page.pk}:"
            f"{page.last_published_at.timestamp()}:{get_language()}"
        )
        cache = caches["local"]
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, PUBLISHED_FRAGMENT_SECONDS)
        return html
