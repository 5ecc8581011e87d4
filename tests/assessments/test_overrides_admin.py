import pytest
from wagtail.models import ModelLogEntry

from assessments.models import ExtraTime
from courses.authoring import AUTHORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_grants_extra_time_and_the_audit_log_records_it(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    learner = UserFactory()
    client.force_login(admin)

    response = client.post(
        "/admin/extra_time/new/",
        {"learner": learner.pk, "percent": "50", "reason": "Screen reader user"},
    )

    assert response.status_code == 302
    grant = ExtraTime.objects.get(learner=learner)
    assert grant.percent == 50
    entry = ModelLogEntry.objects.get(object_id=str(grant.pk))
    assert (entry.action, entry.user_id) == ("wagtail.create", admin.pk)


def test_authors_cannot_grant_overrides(client):
    client.force_login(UserFactory(groups=[AUTHORS]))

    response = client.post(
        "/admin/extra_time/new/",
        {"learner": UserFactory().pk, "percent": "50", "reason": "x"},
    )

    assert response.status_code in (302, 403)
    assert not ExtraTime.objects.exists()
