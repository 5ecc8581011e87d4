import re

import pytest
from django.core.cache import cache

from learning.accounts.models import Organisation

STRONG_PASSWORD = "Ministerial-Briefing-2026"


@pytest.fixture(autouse=True)
def reset_throttle():
    """The sign-up / resend / reset throttle counts in the cache: start afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def undp(db):
    return Organisation.objects.create(acronym="UNDP", name="Development Programme")


@pytest.fixture
def mailbox(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (emails leave after commit) while the block runs."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def link_in(message, pattern=r"https?://\S+"):
    """The first link in an email's text, as a site path."""
    match = re.search(pattern, message.body)
    assert match, message.body
    return re.sub(r"^https?://[^/]+", "", match.group(0))
