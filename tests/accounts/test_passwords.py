"""Password reset (Django's views, our forms and emails) and password change."""

import pytest
from django.core import mail

from learning.accounts import services
from tests.accounts.conftest import STRONG_PASSWORD, link_in
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Interoperable-Standards-77"


def request_reset(client, mailbox, email):
    with mailbox():
        return client.post("/en/accounts/password-reset/", {"email": email})


# The form's heading in the language of the link (the user's).
CHOOSE_A_NEW_PASSWORD = {
    "en": "Choose a new password",
    "fr": "Choisissez un nouveau mot de passe",
}


def set_new_password(client, link, password=NEW_PASSWORD):
    form = client.get(link, follow=True)
    assert CHOOSE_A_NEW_PASSWORD[link.split("/")[1]] in form.text
    return client.post(
        form.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


def test_password_reset_round_trip(client, mailbox):
    user = UserFactory(email="amina@undp.org", preferred_language="fr")

    response = request_reset(client, mailbox, "Amina@UNDP.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password-reset/done/"
    (message,) = mail.outbox
    assert message.to == ["amina@undp.org"]
    link = link_in(message)
    assert link.startswith("/fr/accounts/password-reset/")  # the user's language

    done = set_new_password(client, link)

    assert "Votre nouveau mot de passe est enregistré" in done.text  # in French
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.login(username="amina@undp.org", password=NEW_PASSWORD)


def test_a_reset_link_works_once(client, mailbox):
    UserFactory(email="amina@undp.org")
    request_reset(client, mailbox, "amina@undp.org")
    link = link_in(mail.outbox[0])
    set_new_password(client, link)

    again = client.get(link, follow=True)

    assert again.status_code == 400
    assert "The password reset link is wrong, has expired, or was already used" in (
        again.text
    )


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, mailbox):
    response = request_reset(client, mailbox, "nobody@undp.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password-reset/done/"
    assert mail.outbox == []


def test_a_weak_new_password_is_refused(client, mailbox):
    user = UserFactory(email="amina@undp.org")
    request_reset(client, mailbox, "amina@undp.org")

    response = set_new_password(client, link_in(mail.outbox[0]), password="password")

    assert response.status_code == 400
    assert "This password is too common." in response.text
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_an_invited_person_without_a_password_can_reset_one(client, mailbox):
    user = services.create_invited_user("new@undp.org", full_name="New Person")

    request_reset(client, mailbox, "new@undp.org")
    set_new_password(client, link_in(mail.outbox[0]))

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert user.email_verified_at is not None  # the link reached their inbox


def test_a_person_who_has_not_confirmed_their_sign_up_gets_no_reset(
    client, mailbox, undp
):
    from django.utils import timezone

    with mailbox():
        services.sign_up(
            email="kofi@undp.org",
            full_name="Kofi",
            organisation=undp,
            preferred_language="en",
            password=STRONG_PASSWORD,
            now=timezone.now(),
        )
    mail.outbox.clear()

    request_reset(client, mailbox, "kofi@undp.org")

    assert mail.outbox == []


def test_the_password_change_page_needs_a_login(client):
    response = client.get("/en/accounts/password/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_a_learner_changes_their_password(client):
    user = UserFactory()
    client.force_login(user)

    wrong = client.post(
        "/en/accounts/password/",
        {
            "old_password": "not it",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    right = client.post(
        "/en/accounts/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )

    assert wrong.status_code == 400
    assert "Your old password was entered incorrectly" in wrong.text
    assert "Your new password is saved." in right.text
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "_auth_user_id" in client.session  # still signed in
