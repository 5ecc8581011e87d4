"""Cleaning rich text to what its editor allows.

The Draftail editor only writes the features a field allows, but text reaches the
database other ways too (imports, seeds, scripts): before it is shown (and, for
question prompts, before it is stored) it is cleaned to the elements and attributes
that its field's features produce. Those come from Wagtail's feature registry: the
elements each feature reads back from the database (``b`` and ``strong`` for
``bold``, ``a[href]`` and ``a[linktype="page"]`` for ``link``,
``embed[embedtype="image"]`` for ``image``...), so a field allowing headings,
images or documents gets them, and an inline field gets none of them.

Everything else goes: unknown elements are unwrapped to their text; scripts, styles,
frames and the like are dropped with their content; comments, CDATA sections and
processing instructions are dropped; so are on* handlers, style and every attribute
a feature does not write. Links keep an href only with a safe scheme (no
``javascript:``), and links to pages or documents only a numeric id. Embeds keep
only what Wagtail's own embed handlers read (an image's id, format and alt text; a
video's http(s) URL): the frame of a video is then made by Wagtail's embed
handler, never taken from the text."""

import re
from functools import cache, lru_cache

from bs4.element import PreformattedString
from django.apps import apps
from wagtail.images.formats import get_image_formats
from wagtail.rich_text import features as feature_registry
from wagtail.whitelist import Whitelister, allow_without_attributes, check_url

from courses.blocks import INLINE_FEATURES

# The editor writes paragraphs and line breaks whatever the features.
BASE_ELEMENTS = ("[document]", "p", "br")

# Dropped with their content: unwrapping them would show code as text, or worse.
DROPPED = frozenset(
    {
        "applet",
        "frame",
        "frameset",
        "head",
        "iframe",
        "math",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
        "title",
    }
)

# "b", "a[href]", 'a[linktype="page"]', 'embed[embedtype="image"]'
SELECTOR = re.compile(
    r'(?P<name>[\w-]+)(?:\[(?P<attr>[\w-]+)(?:="(?P<value>[^"]*)")?\])?'
)
DIGITS = re.compile(r"[0-9]{1,18}")


def link_rule(link_types, external):
    """``<a>``: a page or document link (of a type the features allow) keeps its
    type and numeric id; any other link keeps a safe href if the features allow
    links at all. A link that keeps nothing is unwrapped to its text."""

    def rule(tag):
        link_type, link_id, href = (tag.get(a) for a in ("linktype", "id", "href"))
        tag.attrs.clear()
        if link_type in link_types and DIGITS.fullmatch(link_id or ""):
            # Wagtail's link handler builds the whole opening tag from the id.
            tag.attrs.update(linktype=link_type, id=link_id)
        elif link_type is None and external and href and (href := check_url(href)):
            tag["href"] = href
        else:
            tag.unwrap()

    return rule


def embed_rule(embed_types):
    """``<embed>``: an image (a numeric id, a registered format, its alt text) or
    a video (an http or https URL), if the features allow that type; anything else
    is dropped."""

    def rule(tag):
        embed_type = tag.get("embedtype")
        attrs = dict(tag.attrs)
        tag.attrs.clear()
        if embed_type not in embed_types:
            tag.decompose()
        elif embed_type == "image" and (
            DIGITS.fullmatch(attrs.get("id", ""))
            and attrs.get("format") in image_format_names()
        ):
            tag.attrs.update(
                embedtype="image",
                id=attrs["id"],
                format=attrs["format"],
                alt=attrs.get("alt", ""),
            )
        elif embed_type == "media" and (url := check_url(attrs.get("url", ""))):
            if url.strip().lower().startswith(("http://", "https://")):
                tag.attrs.update(embedtype="media", url=url.strip())
            else:
                tag.decompose()
        else:
            tag.decompose()

    return rule


def image_format_names():
    return {image_format.name for image_format in get_image_formats()}


@cache
def element_rules(features):
    """The whitelist for a tuple of feature names: each element the features read
    back from the database, with the attributes they write."""
    allowed = {}
    for feature in features:
        rule = feature_registry.get_converter_rule("contentstate", feature) or {}
        for selector in rule.get("from_database_format", {}):
            match = SELECTOR.fullmatch(selector)
            allowed.setdefault(match["name"], set()).add(
                (match["attr"], match["value"])
            )

    rules = dict.fromkeys(BASE_ELEMENTS, allow_without_attributes)
    for name, qualifiers in allowed.items():
        if name == "a":
            rules[name] = link_rule(
                link_types={value for attr, value in qualifiers if attr == "linktype"},
                external=("href", None) in qualifiers,
            )
        elif name == "embed":
            rules[name] = embed_rule(
                {value for attr, value in qualifiers if attr == "embedtype"}
            )
        else:
            rules[name] = allow_without_attributes
    return rules


class FeatureWhitelister(Whitelister):
    def __init__(self, features):
        self.element_rules = element_rules(tuple(features))

    def clean_string_node(self, doc, node):
        # Comments, CDATA sections, doctypes and processing instructions are
        # written out as they are, unescaped: "<![CDATA[><img onerror=...>]]>"
        # would reach the browser as an image.
        if isinstance(node, PreformattedString):
            node.extract()

    def clean_tag_node(self, doc, tag):
        if tag.name in DROPPED:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


@cache
def features_of(field_label):
    """The features of a rich text field, named "app_label.Model.field"; a field
    without a features list has Wagtail's default ones."""
    app_label, model_name, field_name = field_label.split(".")
    field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    features = getattr(field, "features", None)
    if features is None:
        features = feature_registry.get_default_features()
    return tuple(features)


def sanitise(html, features=INLINE_FEATURES):
    """The text cleaned to what an editor with these features writes."""
    return cleaned(html or "", tuple(features))


@lru_cache(maxsize=1024)
def cleaned(html, features):
    # Parsing and cleaning cost more than the rest of a question's rendering, and
    # the same prompts and introductions are shown again and again.
    return FeatureWhitelister(features).clean(html)
