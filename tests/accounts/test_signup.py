"""Sign-up: allowed domains, closed sign-up, already registered addresses."""

import pytest
from django.core import mail

from learning.accounts.forms import email_domain_allowed
from learning.accounts.models import User
from tests.accounts.conftest import STRONG_PASSWORD
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def form_data(org, **overrides):
    return {
        "email": "amina.diallo@undp.org",
        "full_name": "Amina Diallo",
        "organisation": org.pk,
        "preferred_language": "fr",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        **overrides,
    }


def test_a_visitor_signs_up_and_is_asked_to_check_their_inbox(client, undp, mailbox):
    with mailbox():
        response = client.post("/en/accounts/signup/", form_data(undp), follow=True)

    assert "Check your inbox" in response.text
    user = User.objects.get(email="amina.diallo@undp.org")
    assert user.is_active is False
    assert user.email_verified_at is None
    assert user.full_name == "Amina Diallo"
    assert user.organisation == undp
    assert user.preferred_language == "fr"
    assert user.check_password(STRONG_PASSWORD)
    assert "_auth_user_id" not in client.session
    (message,) = mail.outbox
    assert message.to == ["amina.diallo@undp.org"]
    assert "/fr/accounts/verify/" in message.body  # in the language they chose


def test_the_sign_up_page_shows_the_fields(client, undp):
    response = client.get("/en/accounts/signup/")

    assert response.status_code == 200
    for label in ("Email address", "Full name", "Organisation", "Password again"):
        assert label in response.text
    assert "As it will be printed on your certificates." in response.text
    assert "UNDP" in response.text


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("a@un.org", True),
        ("a@UN.ORG", True),
        ("a@dev.un.org", True),
        ("a@undp.org", True),
        ("a@evilun.org", False),
        ("a@un.org.evil.com", False),
        ("a@notundp.org", False),
        ("a@gmail.com", False),
    ],
)
def test_allowed_domains_include_subdomains_but_not_look_alikes(email, allowed):
    assert email_domain_allowed(email, ["un.org", "undp.org"]) is allowed


def test_any_domain_is_allowed_when_the_list_is_empty():
    assert email_domain_allowed("someone@anywhere.example", [])


def test_a_disallowed_domain_gets_a_form_error_naming_the_allowed_ones(
    client, undp, settings, mailbox
):
    settings.SIGNUP_ALLOWED_EMAIL_DOMAINS = ["un.org", "undp.org"]

    with mailbox():
        response = client.post(
            "/en/accounts/signup/", form_data(undp, email="amina@evilun.org")
        )

    assert response.status_code == 400
    assert "addresses at these domains only: un.org, undp.org" in response.text
    assert not User.objects.filter(email="amina@evilun.org").exists()
    assert mail.outbox == []


def test_a_subdomain_of_an_allowed_domain_may_sign_up(client, undp, settings, mailbox):
    settings.SIGNUP_ALLOWED_EMAIL_DOMAINS = ["un.org"]

    with mailbox():
        client.post("/en/accounts/signup/", form_data(undp, email="k@dppa.un.org"))

    assert User.objects.filter(email="k@dppa.un.org", is_active=False).exists()


def test_passwords_must_match_and_pass_the_validators(client, undp):
    mismatch = client.post(
        "/en/accounts/signup/", form_data(undp, password2="something-else-2026")
    )
    weak = client.post(
        "/en/accounts/signup/", form_data(undp, password1="12345", password2="12345")
    )

    assert mismatch.status_code == weak.status_code == 400
    assert "The two passwords do not match." in mismatch.text
    assert "This password is too short" in weak.text
    assert "This password is entirely numeric" in weak.text
    assert not User.objects.exists()


def test_an_unknown_organisation_is_refused(client, undp):
    response = client.post("/en/accounts/signup/", form_data(undp, organisation=999))

    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert not User.objects.exists()


def test_an_address_already_registered_is_not_revealed_but_its_owner_is_told(
    client, undp, mailbox
):
    owner = UserFactory(email="amina.diallo@undp.org", preferred_language="en")

    with mailbox():
        response = client.post(
            "/en/accounts/signup/",
            form_data(undp, email="Amina.Diallo@UNDP.org", full_name="Impostor"),
            follow=True,
        )

    assert "Check your inbox" in response.text  # same answer as a new address
    assert User.objects.count() == 1
    owner.refresh_from_db()
    assert owner.full_name != "Impostor"
    assert owner.check_password(TEST_PASSWORD)
    (message,) = mail.outbox
    assert message.to == ["amina.diallo@undp.org"]
    assert "Someone tried to sign up with your address" in message.subject
    assert "/en/accounts/password-reset/" in message.body


def test_signing_up_again_before_confirming_sends_a_fresh_link(client, undp, mailbox):
    with mailbox():
        client.post("/en/accounts/signup/", form_data(undp))
        client.post("/en/accounts/signup/", form_data(undp))

    assert User.objects.count() == 1
    assert len(mail.outbox) == 2
    assert all("/accounts/verify/" in message.body for message in mail.outbox)


def test_closed_sign_up_hides_the_page_and_the_links(client, undp, settings):
    settings.SIGNUP_OPEN = False

    page = client.get("/en/accounts/signup/")
    post = client.post("/en/accounts/signup/", form_data(undp))
    login = client.get("/en/accounts/login/")

    assert page.status_code == 404
    assert "Sign-up is closed" in page.text
    assert post.status_code == 404
    assert not User.objects.exists()
    assert "Create an account" not in login.text
    assert "/accounts/signup/" not in login.text


def test_open_sign_up_is_linked_from_the_header_and_the_login_page(client):
    login = client.get("/en/accounts/login/")

    assert 'href="/en/accounts/signup/"' in login.text
    assert "Forgotten your password?" in login.text
    assert 'href="/en/accounts/password-reset/"' in login.text


def test_repeated_sign_ups_for_one_address_stop_sending_mail(client, undp, mailbox):
    with mailbox():
        for _ in range(8):
            response = client.post("/en/accounts/signup/", form_data(undp))
            assert response.status_code == 302

    assert len(mail.outbox) == 5  # then the throttle's cool-off


def test_a_registered_address_costs_the_same_hashing_page_and_mail_as_a_new_one(
    client, undp, mailbox, monkeypatch
):
    """Timing would otherwise tell which addresses have accounts (issue 20, item 5):
    the password is hashed once either way."""
    from django.contrib.auth.hashers import MD5PasswordHasher

    hashed = []
    encode = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher,
        "encode",
        lambda self, *args: hashed.append(1) or encode(self, *args),
    )
    UserFactory(email="amina.diallo@undp.org")  # hashes its own password
    answers = {}
    for email in ("amina.diallo@undp.org", "bruno.costa@undp.org"):
        hashed.clear()
        sent = len(mail.outbox)
        with mailbox():
            response = client.post(
                "/en/accounts/signup/", form_data(undp, email=email), follow=True
            )
        answers[email] = (len(hashed), response.redirect_chain, len(mail.outbox) - sent)

    assert answers["amina.diallo@undp.org"] == answers["bruno.costa@undp.org"]
    assert answers["bruno.costa@undp.org"][0] == 1
    assert answers["bruno.costa@undp.org"][2] == 1
