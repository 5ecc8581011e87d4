"""Test tiers (DESIGN.md §8): tests marked `postgres`, `broker` or `browser` skip with
a reason when their service is missing, and fail instead under REQUIRE_SERVICES=1."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from hypothesis import settings as hypothesis_settings

from tests import programs

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def _missing_service(marker_name):
    if marker_name == "postgres":
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    elif marker_name == "broker":
        if not os.environ.get("TEST_BROKER_URL"):
            return "needs a Redis broker: set TEST_BROKER_URL=redis://..."
    elif marker_name == "browser":
        return programs.missing("chromium")
    return None


def pytest_runtest_setup(item):
    for marker_name in ("postgres", "broker", "browser"):
        if item.get_closest_marker(marker_name) is None:
            continue
        reason = _missing_service(marker_name)
        if reason is None:
            continue
        if REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES=1 but this test {reason}", pytrace=False)
        pytest.skip(reason)


# Hypothesis: bounded and reproducible (DESIGN.md §8).
hypothesis_settings.register_profile(
    "ci", derandomize=True, max_examples=60, deadline=None, print_blob=True
)
hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: course outlines, throttles and Wagtail's
    site paths are keyed on ids and paths that another test's rolled-back rows may
    have used."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request under /fr/ leaves
    French active in the thread that served it."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """For data built once per test module (DESIGN.md §8): a module-scoped fixture
    that takes this one writes inside a transaction rolled back after the module's
    last test; each test's own changes roll back after it, as usual. Hand tests
    fresh copies of its rows (tests.factories.fresh), and give the module fixture
    a name of its own: a test fixture overriding it by name would build it inside
    the first test's transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


BROWSER_TESTS = Path(__file__).parent / "e2e"


def pytest_collection_modifyitems(items):
    refuse_commits_beside_module_data(items)
    # The browser journeys first: they are the longest tests, and under -n the
    # workers take modules in this order (--no-loadscope-reorder), so that each
    # ends on short ones rather than one waiting for the other.
    items.sort(key=lambda item: not item.path.is_relative_to(BROWSER_TESTS))


def refuse_commits_beside_module_data(items):
    """A test that commits (transaction=True, a live server) cannot share a module
    with data built once in module_db's transaction: it belongs in a module of its
    own."""
    shared = {item.module for item in items if "module_db" in item.fixturenames}
    mixed = [item.nodeid for item in items if item.module in shared and commits(item)]
    if mixed:
        raise pytest.UsageError(
            "tests that commit in a module whose data is built once (module_db): "
            + ", ".join(mixed)
        )


def commits(item):
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in item.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )
