"""While the database cannot be reached, pages answer a friendly 503 (DESIGN.md §5)
instead of a 500, whether a view or a middleware (the session, the user) met the
outage; other errors keep the plain 500 page."""

import contextlib
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connections
from django.test import Client

from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    # The test client re-raises a view's exception by default; a browser gets a page.
    return Client(raise_request_exception=False)


@contextlib.contextmanager
def database_away(error=OperationalError):
    """Every query fails as it does while the database is down. The error page is
    rendered inside this too, so a page that queried would fail the test."""
    refuse = mock.Mock(side_effect=error("connection refused"))
    with mock.patch.object(connections["default"], "create_cursor", refuse):
        yield


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_answers_503_while_the_database_is_away(browser, error):
    make_course("Joint procurement")
    assert browser.get("/en/").status_code == 200

    with database_away(error):
        response = browser.get("/en/")

    assert response.status_code == 503
    assert "Temporarily unavailable" in response.text
    assert "Nothing you had already saved is lost" in response.text
    assert 'href="/en/"' in response.text  # try again
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def test_a_signed_in_learner_gets_the_503_page_and_stays_signed_in(browser):
    browser.force_login(UserFactory())

    with database_away():
        # The session is loaded by a middleware, before any view runs.
        away = browser.get("/en/my-learning/")
    back = browser.get("/en/my-learning/")

    assert away.status_code == 503
    assert "Temporarily unavailable" in away.text
    assert back.status_code == 200


def test_the_503_page_is_in_the_visitors_language(browser):
    with database_away():
        response = browser.get("/fr/")

    assert response.status_code == 503
    assert '<html lang="fr"' in response.text


def test_healthz_still_answers_in_json(browser):
    with database_away():
        response = browser.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_healthz_answers_in_json_to_a_probe_with_a_session_cookie(browser):
    # Loading the signed-in user would meet the outage before any view runs.
    browser.force_login(UserFactory())

    with database_away():
        response = browser.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "down", "broker": "eager"}


def test_other_errors_keep_the_plain_500_page(browser, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("learning.views.database_status", broken)

    response = browser.get("/healthz")

    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "Temporarily unavailable" not in response.text
