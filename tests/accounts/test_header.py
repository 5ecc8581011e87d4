"""The site header links to the admin for those who may use it, and only them."""

import pytest

from courses.authoring import AUTHORS
from learning.accounts.roles import FOCAL_POINTS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LINK = 'href="/admin/"'


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({}, False),
        ({"groups": [AUTHORS]}, True),
        ({"groups": [FOCAL_POINTS]}, True),
        ({"is_staff": True}, True),
    ],
)
def test_the_admin_link_follows_the_permission(client, fields, shown):
    client.force_login(UserFactory(**fields))
    page = client.get("/en/").content.decode()
    assert (ADMIN_LINK in page) is shown
    # The second page reads the answer from the cache, and says the same.
    assert (ADMIN_LINK in client.get("/en/my-learning/").content.decode()) is shown


def test_visitors_get_no_admin_link(client):
    assert ADMIN_LINK not in client.get("/en/").content.decode()
