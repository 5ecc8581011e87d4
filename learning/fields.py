"""Request values that name something, validated in one place: a row chosen by its
id (in forms and in filters) and a redirect target (`next`).

A value that is not an id (1 to 18 digits, as the site's URLs take them, see
learning/converters.py) is refused by validation, naming the field, before the
database is asked: a number past 64 bits makes SQLite raise, and PostgreSQL would
compare it as a numeric.
"""

import re

import django_filters
from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin.filters import WagtailFilterSet

from learning.converters import IdConverter

ID = re.compile(IdConverter.regex)


def is_id(value):
    return ID.fullmatch(str(value).strip()) is not None


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not is_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value or ():
            if not is_id(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(item)[:20]},
                )
        return super()._check_values(value)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    class field_class(IdChoiceField, django_filters.fields.ModelChoiceField):
        pass


class IdMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    class field_class(
        IdMultipleChoiceField, django_filters.fields.ModelMultipleChoiceField
    ):
        pass


def is_local_path(url):
    """A redirect target: a path on this site ("/en/my-learning/"). Never another
    host or scheme, and never a bare word, which Django's `redirect()` would try to
    reverse as a URL name."""
    return (
        url.startswith("/")
        and not url.startswith("//")
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


ID_FILTERS = {
    django_filters.ModelChoiceFilter: IdChoiceFilter,
    django_filters.ModelMultipleChoiceFilter: IdMultipleChoiceFilter,
}


class IdFilterSet(WagtailFilterSet):
    """Wagtail's filter set, whose filters on related rows (made from a viewset's
    `list_filter`) take ids only."""

    FILTER_DEFAULTS = {
        field: {
            **spec,
            "filter_class": ID_FILTERS.get(spec["filter_class"], spec["filter_class"]),
        }
        for field, spec in WagtailFilterSet.FILTER_DEFAULTS.items()
    }
