"""Sanitising rich text that did not come through the editor (imports, seeds, APIs).

The Draftail editor only produces the features it allows; text from anywhere else is
cleaned to the same small set before it is stored."""

from wagtail.whitelist import (
    Whitelister,
    allow_without_attributes,
    attribute_rule,
    check_url,
)

ALLOWED = {
    "[document]": allow_without_attributes,
    "p": allow_without_attributes,
    "br": allow_without_attributes,
    "b": allow_without_attributes,
    "strong": allow_without_attributes,
    "i": allow_without_attributes,
    "em": allow_without_attributes,
    "ul": allow_without_attributes,
    "ol": allow_without_attributes,
    "li": allow_without_attributes,
    # check_url drops javascript: and other unsafe schemes from href.
    "a": attribute_rule({"href": check_url, "linktype": True, "id": True}),
}


class InlineWhitelister(Whitelister):
    element_rules = ALLOWED


def sanitise(html):
    return InlineWhitelister().clean(html)
