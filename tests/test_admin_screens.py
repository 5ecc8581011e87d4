"""Admin screens answer a plain 404 for what is missing (every screen opening for
the people who use it: tests/demo/test_seed_demo.py, on the demo's records)."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_missing_admin_object_is_a_plain_404(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    for url in ("/admin/enrolments/edit/999999/", "/admin/no-such-screen/"):
        response = client.get(url)
        assert response.status_code == 404, url
