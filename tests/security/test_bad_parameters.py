"""Parameters that name something (an id, a date, a choice, a redirect target) go
through one validated path (learning/fields.py): a value they cannot take is a 4xx
naming the parameter, never a 500 (issue 20, item 6).

The admin listings are found in the URL configuration: every one with filters is
sent, filter by filter, a value of the wrong kind. Ours answer 400 with the filter's
error (learning/admin_listing.py); Wagtail's own answer below 500.
"""

import logging

import django_filters
import pytest
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OUR_APPS = ("learning.", "courses.", "assessments.")
TOO_LARGE = "9" * 20  # past 64 bits: SQLite raises on comparing it


def is_ours(cls):
    return cls.__module__.startswith(OUR_APPS)


def admin_listings():
    """{route: (view class, filter set class)} of every admin URL without
    parameters whose view filters."""

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif "<" not in route and "(" not in route:
                yield route, pattern.callback

    factory = RequestFactory()
    found = {}
    for route, callback in walk(get_resolver().url_patterns, "/"):
        view_class = getattr(callback, "view_class", None)
        if not route.startswith("/admin/") or view_class is None:
            continue
        view = view_class(**getattr(callback, "view_initkwargs", {}))
        view.request = factory.get(route)
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is not None:
            found[route] = (view_class, filterset_class)
    return found


def bad_values(filterset_class):
    """{query parameter: a value of the wrong kind} for each of the filters."""
    bad = {}
    for name, filter_ in filterset_class.base_filters.items():
        match filter_:
            case django_filters.ModelChoiceFilter() | (
                django_filters.ModelMultipleChoiceFilter()
            ):
                bad[name] = TOO_LARGE
            case django_filters.DateFromToRangeFilter():
                suffix = filter_.field.widget.suffixes[0]  # "after", or "from"
                bad[f"{name}_{suffix}"] = "2026-13-45"
            case django_filters.DateFilter() | django_filters.DateTimeFilter():
                bad[name] = "2026-13-45"
            case django_filters.NumberFilter():
                bad[name] = "1e999"
            case django_filters.ChoiceFilter() | django_filters.MultipleChoiceFilter():
                bad[name] = "no-such-choice"
    return bad


LISTINGS = admin_listings()
CASES = [
    pytest.param(route, parameter, value, id=f"{route}?{parameter}")
    for route, (_view, filterset_class) in LISTINGS.items()
    for parameter, value in bad_values(filterset_class).items()
]


def test_the_listings_of_learner_records_are_found():
    assert {"/admin/enrolments/", "/admin/certificates/"} <= set(LISTINGS)
    assert "/admin/reports/completion/" in LISTINGS


@pytest.fixture(scope="module")
def administrator(module_db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.mark.parametrize(("route", "parameter", "value"), CASES)
def test_a_filter_value_of_the_wrong_kind_is_refused(
    client, administrator, caplog, route, parameter, value
):
    client.force_login(administrator)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(route, {parameter: value})

    assert response.status_code < 500, f"{route}?{parameter}={value}"
    assert not [r for r in caplog.records if r.name == "django.request"]
    view_class, filterset_class = LISTINGS[route]
    if is_ours(view_class) or is_ours(filterset_class._meta.model):
        assert response.status_code == 400, f"{route}?{parameter}={value}"
        if not route.endswith("/results/"):  # the table alone, below the filters
            assert "error" in response.text.lower()


def test_a_sixty_thousand_character_login_is_a_form_error(client, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.post(
            "/en/accounts/login/", {"username": "a" * 60_000, "password": "x"}
        )

    assert 400 <= response.status_code < 500
    assert "at most 254 characters" in response.text
    assert not caplog.records


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_next_that_is_not_a_path_on_this_site_is_refused_by_name(
    client, method, caplog
):
    learner = UserFactory(full_name="Lena Ortiz")
    client.force_login(learner)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = getattr(client, method)(
            "/en/certificates/confirm-name/?next=dashboard",
            {"full_name": "Someone Else"} if method == "post" else None,
        )

    assert response.status_code == 400
    assert "“next” must be a path on this site." in response.text
    learner.refresh_from_db()
    assert learner.full_name == "Lena Ortiz"
    assert not caplog.records
