import pytest
from django.db import transaction

from .world import World


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for a test module; each test runs in a transaction rolled back
    after it, inside this one."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)
