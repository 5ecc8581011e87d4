"""Dates are stored in UTC and shown in the viewer's time zone."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from learning.progress.services import enrol
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

# 20:00 UTC on 30 June is already 1 July in Tokyo (UTC+9), still 30 June in
# Los Angeles (UTC-7).
DUE = datetime(2030, 6, 30, 20, 0, tzinfo=UTC)


@pytest.fixture
def course():
    return make_course("ICT in business plans", modules=1)


def dashboard_for(client, user):
    client.force_login(user)
    response = client.get("/en/my-learning/")
    assert response.status_code == 200
    return response.text


def test_the_dashboard_shows_a_due_date_in_each_viewers_time_zone(client, course):
    tokyo = UserFactory(time_zone="Asia/Tokyo")
    los_angeles = UserFactory(time_zone="America/Los_Angeles")
    for learner in (tokyo, los_angeles):
        enrol(learner, course, now=datetime(2030, 1, 1, tzinfo=UTC), due_at=DUE)

    in_tokyo = dashboard_for(client, tokyo)
    in_los_angeles = dashboard_for(client, los_angeles)

    assert "Due 1 July 2030" in in_tokyo
    assert "Due 30 June 2030" in in_los_angeles


def test_visitors_and_bad_zones_fall_back_to_utc(rf):
    from django.contrib.auth.models import AnonymousUser

    from learning.accounts.middleware import UserTimeZoneMiddleware

    seen = []

    def view(request):
        seen.append(timezone.get_current_timezone_name())
        from django.http import HttpResponse

        return HttpResponse()

    middleware = UserTimeZoneMiddleware(view)
    for user in (
        AnonymousUser(),
        UserFactory.build(time_zone="Not/A_Zone"),
        UserFactory.build(time_zone="Europe/Zurich"),
    ):
        request = rf.get("/")
        request.user = user
        middleware(request)

    assert seen == ["UTC", "UTC", "Europe/Zurich"]
    assert timezone.get_current_timezone_name() == "UTC"  # reset after the request
