"""Invitations: people enrolled by others choose a password from an emailed link."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from learning.accounts import services
from learning.accounts.tokens import invitation_token
from tests.accounts.conftest import STRONG_PASSWORD, link_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def admin():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def invited(undp):
    return services.create_invited_user(
        "Fatou.Ndiaye@UNDP.org", full_name="Fatou Ndiaye", organisation=undp
    )


def invitation_link(mailbox, invited, admin):
    with mailbox():
        assert services.invite(invited, invited_by=admin, now=NOW) is True
    return link_in(mail.outbox[-1])


def test_an_invited_user_is_active_without_a_usable_password(invited, undp):
    assert invited.email == "fatou.ndiaye@undp.org"
    assert invited.is_active
    assert not invited.has_usable_password()
    assert invited.organisation == undp


def test_creating_an_invited_user_twice_returns_the_existing_account(invited):
    again = services.create_invited_user("fatou.ndiaye@undp.org", full_name="Other")

    assert again.pk == invited.pk
    assert again.full_name == "Fatou Ndiaye"


def test_invite_stamps_the_user_logs_and_emails_a_link(invited, admin, mailbox):
    link = invitation_link(mailbox, invited, admin)

    invited.refresh_from_db()
    assert invited.invited_at == NOW
    assert link.startswith("/en/accounts/invitation/")
    (message,) = mail.outbox
    assert message.to == ["fatou.ndiaye@undp.org"]
    assert "invited" in message.subject
    entry = ModelLogEntry.objects.get(action="accounts.invite")
    assert entry.user_id == admin.pk
    assert entry.object_id == str(invited.pk)


def test_accepting_sets_name_and_password_logs_in_and_opens_my_learning(
    client, invited, admin, mailbox
):
    link = invitation_link(mailbox, invited, admin)

    page = client.get(link)
    assert page.status_code == 200
    assert "fatou.ndiaye@undp.org" in page.text
    assert 'value="Fatou Ndiaye"' in page.text

    response = client.post(
        link,
        {
            "full_name": "Fatou K. Ndiaye",
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/my-learning/"
    invited.refresh_from_db()
    assert invited.full_name == "Fatou K. Ndiaye"
    assert invited.check_password(STRONG_PASSWORD)
    assert invited.email_verified_at is not None
    assert client.session["_auth_user_id"] == str(invited.pk)


def test_the_link_cannot_be_used_again_once_the_password_is_set(
    client, invited, admin, mailbox
):
    link = invitation_link(mailbox, invited, admin)
    client.post(
        link,
        {
            "full_name": "Fatou",
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
        },
    )
    client.logout()

    again = client.get(link)
    hijack = client.post(
        link,
        {
            "full_name": "Evil",
            "password1": "Other-Password-99",
            "password2": "Other-Password-99",
        },
    )

    assert again.status_code == 400
    assert "This invitation cannot be used" in again.text
    assert 'href="/en/accounts/password-reset/"' in again.text
    assert hijack.status_code == 400
    invited.refresh_from_db()
    assert invited.check_password(STRONG_PASSWORD)
    assert invited.full_name == "Fatou"


def test_an_expired_invitation_offers_a_password_reset(
    client, invited, admin, mailbox, monkeypatch, settings
):
    settings.INVITATION_TIMEOUT_DAYS = 30
    link = invitation_link(mailbox, invited, admin)
    later = invitation_token._now() + timedelta(days=30, minutes=5)
    monkeypatch.setattr(type(invitation_token), "_now", lambda self: later)

    response = client.get(link)

    assert response.status_code == 400
    assert "Reset my password" in response.text


def test_a_tampered_invitation_link_is_refused(client, invited, admin, mailbox):
    link = invitation_link(mailbox, invited, admin)
    tampered = (
        link.rstrip("/")[:-1]
        + ("0" if not link.rstrip("/").endswith("0") else "1")
        + "/"
    )

    response = client.post(
        tampered,
        {"full_name": "X", "password1": STRONG_PASSWORD, "password2": STRONG_PASSWORD},
    )

    assert response.status_code == 400
    invited.refresh_from_db()
    assert not invited.has_usable_password()


def test_bad_input_on_the_acceptance_page_changes_nothing(
    client, invited, admin, mailbox
):
    link = invitation_link(mailbox, invited, admin)

    response = client.post(
        link, {"full_name": "", "password1": "short", "password2": "different"}
    )

    assert response.status_code == 400
    assert "This field is required." in response.text
    assert "The two passwords do not match." in response.text
    invited.refresh_from_db()
    assert not invited.has_usable_password()
    assert invited.full_name == "Fatou Ndiaye"
    assert "_auth_user_id" not in client.session


def test_a_verification_token_does_not_open_an_invitation(client, invited):
    from learning.accounts.tokens import email_verification_token

    token = email_verification_token.make_token(invited)

    response = client.get(
        f"/en/accounts/invitation/{services.uidb64(invited)}/{token}/"
    )

    assert response.status_code == 400
