"""Interface languages, content languages and the language switcher.

LANGUAGES lists the languages of the interface; WAGTAIL_CONTENT_LANGUAGES those
that courses are written in. A language with no content of its own (Arabic) shows
the default locale's pages with its own chrome under its own prefix: Wagtail
routes `/ar/...` through the default locale by itself (Locale.get_active falls
back to it), and InterfaceLanguageURLMixin keeps the links between pages under
`/ar/` rather than sending the reader back to `/en/`.

The switcher (language_links) keeps the reader on the same page: a page's live
translation in the other language where there is one, else the same URL under the
other prefix (Django's translate_url), for Wagtail pages and views alike, with the
query string kept. A page's translations are read once and then kept per process
for a few minutes (dropped at once in the process that publishes, moves or deletes
one of them), so the switcher costs the hot pages no query.
"""

import functools
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import (
    NoReverseMatch,
    get_script_prefix,
    get_urlconf,
    reverse,
    translate_url,
)
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

TRANSLATIONS_SECONDS = 300


def default_content_language():
    return translation.get_supported_language_variant(settings.LANGUAGE_CODE)


def content_language_for(language):
    """The language whose pages a reader of `language` sees."""
    return (
        language if language in get_content_languages() else default_content_language()
    )


def home_prefix(language):
    """`/en/`, `/ar/`: where the site's pages start in that language."""
    return _home_prefix(
        language, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF
    )


@functools.lru_cache(maxsize=64)
def _home_prefix(language, script_prefix, urlconf):
    with translation.override(language):
        return reverse("wagtail_serve", args=("",), urlconf=urlconf)


def swap_prefix(path, from_language, to_language):
    """`path` (under from_language's prefix) under to_language's, or None if it is
    not under from_language's."""
    old, new = home_prefix(from_language), home_prefix(to_language)
    return new + path[len(old) :] if path.startswith(old) else None


def move_to_language(path, from_language, to_language):
    """`path` (under from_language's prefix) under to_language's prefix."""
    return swap_prefix(path, from_language, to_language) or path


class InterfaceLanguageURLMixin:
    """For page models: while an interface-only language is active (Arabic, whose
    pages are the default locale's), a default-locale page's URL keeps that
    language's prefix, so that following a link does not change the language."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        language = translation.get_language()
        if not parts or parts[2] is None or language in get_content_languages():
            return parts
        if language not in dict(settings.LANGUAGES):
            return parts
        site_id, root_url, page_path = parts
        path = move_to_language(page_path, default_content_language(), language)
        return site_id, root_url, path


def translations_key(translation_key):
    return f"languages:translations:{translation_key}"


def live_translations(page):
    """{language code: page} of the page's live translations, itself included."""
    cache = caches["local"]
    key = translations_key(page.translation_key)
    found = cache.get(key)
    own = found and found.get(page.locale_id)
    if own is None or own[1].pk != page.pk or own[1].url_path != page.url_path:
        found = {
            other.locale_id: (other.locale.language_code, other)
            for other in Page.objects.filter(translation_key=page.translation_key)
            .live()
            .select_related("locale")
        }
        if page.live and page.locale_id in found:
            cache.set(key, found, TRANSLATIONS_SECONDS)
    return dict(found.values())


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
@receiver(post_delete)
def forget_translations(sender, instance, **kwargs):
    if isinstance(instance, Page):
        caches["local"].delete(translations_key(instance.translation_key))


@functools.lru_cache(maxsize=32)
def locale_language(locale_id):
    """A locale's language code, read once per process: a page served knows its
    locale's id only."""
    return Locale.all_objects.values_list("language_code", flat=True).get(pk=locale_id)


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def forget_locale_languages(**kwargs):
    locale_language.cache_clear()


def content_language(page):
    """The language a page's words are written in: its locale's, except for a page
    not translated yet. wagtail-localize's synchronised trees show such a page in
    its source language: as an alias of the source page, and once a translation
    is started, with the alias's copy still live until the translation is first
    published (so a translation in progress never shows half-done)."""
    if page.alias_of_id is not None:
        for code, version in live_translations(page).items():
            if version.pk == page.alias_of_id:
                return code
    own, default = locale_language(page.locale_id), default_content_language()
    if own != default and not published_as_itself(page.pk, page.live_revision_id):
        return default
    return own


def published_as_itself(page_id, live_revision_id):
    """Whether a page's live revision is its own. An alias turned translation
    still carries its source's (its live content is the alias's copy) until the
    translation is first published. Kept per process: a publication changes
    the live revision, hence the key."""
    from wagtail.models import Revision

    if live_revision_id is None:
        return False
    cache = caches["local"]
    key = f"languages:own-revision:{page_id}:{live_revision_id}"
    own = cache.get(key)
    if own is None:
        own = Revision.objects.filter(
            pk=live_revision_id, object_id=str(page_id)
        ).exists()
        cache.set(key, own, TRANSLATIONS_SECONDS)
    return own


def untranslated_from(page):
    """The language a page is shown in because it is not translated into the
    reader's content language yet, or None."""
    language = content_language(page)
    reading = translation.get_language()
    if language == reading or reading not in get_content_languages():
        return None
    return language


def page_url_in(page, translations, language, request):
    """The URL of `page`'s version in `language`: its translation's, or the page's
    own under that language's prefix (None if the request's path has no prefix)."""
    content_language = content_language_for(language)
    version = translations.get(content_language)
    if version is None or version.pk == page.pk:
        return swap_prefix(request.path, translation.get_language(), language)
    with translation.override(content_language):
        path = version.get_url(request)
    if path is None:
        return None
    if language != content_language:
        path = move_to_language(path, content_language, language)
    return path


def translate_path(path, language):
    """A path of this site in another language (Django's translate_url, read in
    the language of the path's own prefix)."""
    source = translation.get_language_from_path(path)
    if source is None:
        return path
    with translation.override(source):
        return translate_url(path, language)


def with_query(path, request, language):
    """`path` with the request's query string; a `next` that is a path on this
    site follows the reader into the other language too."""
    query = request.GET
    if not query:
        return path
    pairs = []
    for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), True):
        if name == "next" and url_has_allowed_host_and_scheme(value, None):
            value = translate_path(value, language)
        pairs.append((name, value))
    return f"{path}?{urlencode(pairs)}"


@functools.lru_cache(maxsize=8)
def interface_languages(languages):
    """(code, the language's name in itself, right-to-left) for each language."""
    found = []
    for code, _name in languages:
        info = get_language_info(code)
        found.append(
            (
                code,
                info["name_local"][:1].upper() + info["name_local"][1:],
                info["bidi"],
            )
        )
    return found


def language_links(request, page=None):
    """One entry per interface language: code, its own name, bidi, URL, current."""
    current = translation.get_language()
    current_path = request.path
    served_page = (
        page
        if isinstance(page, Page)
        and page.pk is not None
        and not getattr(request, "is_preview", False)
        and getattr(request.resolver_match, "url_name", None) == "wagtail_serve"
        else None
    )
    translations = live_translations(served_page) if served_page else {}
    links = []
    for code, name, bidi in interface_languages(tuple(settings.LANGUAGES)):
        if code == current:
            url = request.get_full_path()
        else:
            path = served_page and page_url_in(served_page, translations, code, request)
            if not path:
                path = translate_path(current_path, code)
                if path == current_path:  # a path Django cannot resolve
                    try:
                        path = home_prefix(code)
                    except NoReverseMatch:
                        continue
            url = with_query(path, request, code)
        links.append(
            {
                "code": code,
                "name": name,
                "bidi": bidi,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return links
