"""The learner's profile: name as printed, organisation, language, time zone,
reminders."""

import pytest
from wagtail.models import ModelLogEntry

from learning.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(undp):
    return UserFactory(
        email="amina@undp.org",
        full_name="Amina Diallo",
        organisation=undp,
        time_zone="UTC",
    )


def test_the_profile_needs_a_login(client):
    response = client.get("/en/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_the_profile_shows_the_email_read_only_and_the_fields(client, learner):
    client.force_login(learner)

    response = client.get("/en/accounts/profile/")

    assert response.status_code == 200
    assert "amina@undp.org" in response.text
    assert 'name="email"' not in response.text
    assert "As it will be printed on your certificates." in response.text
    assert '<option value="Europe/Zurich"' in response.text
    assert 'name="email_reminders"' in response.text
    assert 'href="/en/accounts/password/"' in response.text
    assert "UNDP" in response.text
    assert 'name="organisation"' not in response.text


def test_a_learner_updates_their_profile(client, learner, undp):
    from learning.accounts.models import Organisation

    unicef = Organisation.objects.create(acronym="UNICEF", name="Children's Fund")
    client.force_login(learner)

    response = client.post(
        "/en/accounts/profile/",
        {
            "full_name": "Amina B. Diallo",
            "organisation": unicef.pk,
            "preferred_language": "en",
            "time_zone": "Africa/Dakar",
            # email_reminders unticked
        },
        follow=True,
    )

    assert "Your profile has been saved." in response.text
    learner.refresh_from_db()
    assert learner.full_name == "Amina B. Diallo"
    # The organisation decides which focal point sees the learner's records: set by
    # an administrator, a focal point or sign-up, never by the learner (issue 20).
    assert learner.organisation == undp
    assert learner.time_zone == "Africa/Dakar"
    assert learner.email_reminders is False
    entry = ModelLogEntry.objects.get(action="accounts.edit_profile")
    assert entry.user_id == learner.pk


def test_choosing_another_language_opens_the_profile_in_it(client, learner):
    client.force_login(learner)

    response = client.post(
        "/en/accounts/profile/",
        {
            "full_name": "Amina Diallo",
            "preferred_language": "fr",
            "time_zone": "UTC",
            "email_reminders": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/profile/"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_zone", "Mars/Olympus_Mons", "Select a valid choice."),
        ("preferred_language", "xx", "Select a valid choice."),
        ("full_name", "", "This field is required."),
        ("full_name", "x" * 151, "Ensure this value has at most 150 characters"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    client, learner, field, value, message
):
    client.force_login(learner)
    before = User.objects.filter(pk=learner.pk).values().get()
    data = {
        "full_name": "Someone Else",
        "organisation": learner.organisation_id,
        "preferred_language": "fr",
        "time_zone": "Asia/Tokyo",
        "email_reminders": "",
        field: value,
    }

    response = client.post("/en/accounts/profile/", data)

    assert response.status_code == 400
    assert message in response.text
    assert User.objects.filter(pk=learner.pk).values().get() == before
    # The header still shows the saved name, not the refused one.
    assert "Someone Else</span>" not in response.text


def test_the_header_links_to_the_profile_when_signed_in(client, learner):
    visitor = client.get("/en/", follow=True)
    client.force_login(learner)
    member = client.get("/en/", follow=True)

    assert 'href="/en/accounts/signup/"' in visitor.text
    assert 'href="/en/accounts/profile/"' not in visitor.text
    assert 'href="/en/accounts/profile/"' in member.text
    assert 'href="/en/accounts/signup/"' not in member.text


def test_the_header_hides_sign_up_when_it_is_closed(client, settings):
    settings.SIGNUP_OPEN = False

    response = client.get("/en/", follow=True)

    assert "Create an account" not in response.text
