from django import template
from django.core.cache import caches
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# A lesson's HTML changes when it is published again, which changes the key. Links
# and images inside it point at other pages and files, which may move without it:
# an hour bounds how long such a link can stay stale.
LESSON_SECONDS = 3600


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """The lesson's blocks as HTML, rendered once per published revision and
    language in each process (rich text links and images cost queries); a preview
    is always rendered afresh."""
    request = context.get("request")
    if getattr(request, "is_preview", False) or page.last_published_at is None:
        return render_blocks(context, page)
    key = (
        f"courses:lesson:{page.pk}:{page.last_published_at.timestamp()}:"
        f"{get_language()}"
    )
    local = caches["local"]
    html = local.get(key)
    if html is None:
        html = render_blocks(context, page)
        local.set(key, html, LESSON_SECONDS)
    return html


def render_blocks(context, page):
    # What {% include_block %} does for each block, without a wrapper around each.
    flat = context.flatten()
    return mark_safe(
        "".join(block.render_as_block(context=flat) for block in page.body)
    )
