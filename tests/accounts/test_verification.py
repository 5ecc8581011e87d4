"""Email verification: a link that works once, resending without revealing
addresses, and what an unverified person sees at login."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from learning.accounts import services
from learning.accounts.models import User
from learning.accounts.tokens import email_verification_token
from tests.accounts.conftest import STRONG_PASSWORD, link_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(undp):
    return services.sign_up(
        email="kofi@undp.org",
        full_name="Kofi Mensah",
        organisation=undp,
        preferred_language="en",
        password=STRONG_PASSWORD,
        now=timezone.now(),
    )


def verification_link(mailbox, user):
    with mailbox():
        services.send_verification_email(user)
    return link_in(mail.outbox[-1])


def test_the_link_activates_the_account_logs_in_and_welcomes(client, pending, mailbox):
    link = verification_link(mailbox, pending)

    response = client.get(link)

    assert response.status_code == 302
    assert response["Location"] == "/en/"  # the catalogue
    pending.refresh_from_db()
    assert pending.is_active is True
    assert pending.email_verified_at is not None
    assert client.session["_auth_user_id"] == str(pending.pk)
    welcome = client.get("/en/")
    assert "Welcome, Kofi Mensah. Your email address is confirmed." in welcome.text


def test_the_link_works_only_once(client, pending, mailbox):
    link = verification_link(mailbox, pending)
    client.get(link)
    client.logout()

    again = client.get(link)

    assert again.status_code == 400
    assert "The confirmation link is wrong, has expired, or was already used" in (
        again.text
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "mangle",
    [
        lambda uid, token: (uid, token[:-1] + ("0" if token[-1] != "0" else "1")),
        lambda uid, token: (uid, "1-" + token.split("-")[1]),
        lambda uid, token: ("Zm9v", token),
        lambda uid, token: ("%%%", token),
        lambda uid, token: (uid, "nonsense"),
    ],
    ids=["signature", "timestamp", "other uid", "bad uid", "no token"],
)
def test_tampered_links_are_refused_and_change_nothing(client, pending, mangle):
    uid, token = mangle(
        services.uidb64(pending), email_verification_token.make_token(pending)
    )

    response = client.get(f"/en/accounts/verify/{uid}/{token}/")

    assert response.status_code in (400, 404)
    pending.refresh_from_db()
    assert pending.is_active is False
    assert pending.email_verified_at is None
    assert "_auth_user_id" not in client.session


def test_a_password_reset_token_is_not_a_verification_token(client, pending):
    from django.contrib.auth.tokens import default_token_generator

    token = default_token_generator.make_token(pending)

    response = client.get(f"/en/accounts/verify/{services.uidb64(pending)}/{token}/")

    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.is_active is False


def days_later(monkeypatch, days):
    later = email_verification_token._now() + timedelta(days=days)
    monkeypatch.setattr(type(email_verification_token), "_now", lambda self: later)


def test_a_link_still_works_within_its_lifetime(
    client, pending, settings, mailbox, monkeypatch
):
    settings.EMAIL_VERIFICATION_TIMEOUT_DAYS = 7
    link = verification_link(mailbox, pending)
    days_later(monkeypatch, 6.9)

    assert client.get(link).status_code == 302


def test_an_expired_link_offers_to_send_a_new_one(
    client, pending, settings, mailbox, monkeypatch
):
    settings.EMAIL_VERIFICATION_TIMEOUT_DAYS = 7
    link = verification_link(mailbox, pending)
    days_later(monkeypatch, 7.01)

    response = client.get(link)

    assert response.status_code == 400
    assert "Send me a new link" in response.text
    assert 'action="/en/accounts/verify/resend/"' in response.text
    pending.refresh_from_db()
    assert pending.is_active is False


def test_resending_never_reveals_whether_an_address_is_registered(
    client, pending, mailbox
):
    active = UserFactory(email="active@undp.org")
    answers = {}
    with mailbox():
        for email in ("kofi@undp.org", "active@undp.org", "nobody@undp.org"):
            response = client.post("/en/accounts/verify/resend/", {"email": email})
            answers[email] = (response.status_code, response.text)

    assert len({status for status, _ in answers.values()}) == 1
    texts = {text.replace(email, "") for email, (_, text) in answers.items()}
    assert len(texts) == 1  # the same page whatever the address
    assert [m.to for m in mail.outbox] == [["kofi@undp.org"]]  # only the pending one
    assert active.is_active


def test_a_resent_link_works(client, pending, mailbox):
    with mailbox():
        client.post("/en/accounts/verify/resend/", {"email": "KOFI@undp.org"})

    response = client.get(link_in(mail.outbox[-1]))

    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.is_active


def test_resend_with_a_malformed_address_explains(client):
    response = client.post("/en/accounts/verify/resend/", {"email": "not an email"})

    assert response.status_code == 400
    assert "Enter a valid email address." in response.text


def test_an_unverified_person_with_the_right_password_is_told_to_confirm(
    client, pending
):
    response = client.post(
        "/en/accounts/login/",
        {"username": "kofi@undp.org", "password": STRONG_PASSWORD},
    )

    assert response.status_code == 400
    assert "Confirm your email address first." in response.text
    assert 'href="/en/accounts/verify/resend/"' in response.text
    assert "Please enter a correct email address" not in response.text
    assert "_auth_user_id" not in client.session


def test_an_unverified_person_with_a_wrong_password_gets_the_generic_message(
    client, pending
):
    response = client.post(
        "/en/accounts/login/", {"username": "kofi@undp.org", "password": "wrong"}
    )

    assert "Please enter a correct email address and password" in response.text
    assert "Confirm your email address first." not in response.text


def test_an_account_an_administrator_deactivated_stays_refused(client):
    from tests.factories import TEST_PASSWORD

    user = UserFactory(email="gone@undp.org", email_verified_at=timezone.now())
    user.is_active = False
    user.save()

    response = client.post(
        "/en/accounts/login/", {"username": "gone@undp.org", "password": TEST_PASSWORD}
    )

    assert "Please enter a correct email address and password" in response.text
    assert "Confirm your email address first." not in response.text
    assert "_auth_user_id" not in client.session


def test_the_admin_login_still_refuses_an_unverified_account(client, pending):
    pending.is_staff = True
    pending.is_superuser = True
    pending.save()

    response = client.post(
        "/admin/login/", {"username": "kofi@undp.org", "password": STRONG_PASSWORD}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert User.objects.get(pk=pending.pk).is_active is False
    # The same credentials work there once the account is active.
    pending.is_active = True
    pending.save()
    assert (
        client.post(
            "/admin/login/", {"username": "kofi@undp.org", "password": STRONG_PASSWORD}
        ).status_code
        == 302
    )
