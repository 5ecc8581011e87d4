"""Admin listings of learner records do not export: learner data leaves through the
completion report's scoped, audited exports."""

import pytest
from django.utils import timezone

from learning.progress.services import enrol
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "listing",
    [
        "/admin/enrolments/",
        "/admin/certificates/",
        "/admin/quiz_attempts/",
        "/admin/extra_attempts/",
        "/admin/extra_time/",
    ],
)
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_learner_listings_answer_export_with_their_page(client, listing, export_format):
    enrol(UserFactory(email="amina@example.org"), make_course(), now=timezone.now())
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(f"{listing}?export={export_format}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Disposition" not in response
