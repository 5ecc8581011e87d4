import pytest

from .world import World


@pytest.fixture(scope="module")
def world(module_db):
    return World()
