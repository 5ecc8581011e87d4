"""Turning reminders off from the link in a reminder: no login, one-click POST."""

import pytest
from django.test import Client

from learning.accounts.emails import unsubscribe_token, unsubscribe_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return UserFactory(preferred_language="en")


def test_the_link_asks_for_confirmation_then_turns_reminders_off(client, learner):
    url = f"/en/accounts/unsubscribe/{unsubscribe_token(learner)}/"

    page = client.get(url)

    assert page.status_code == 200
    assert learner.email in page.text
    assert "Stop reminders" in page.text
    learner.refresh_from_db()
    assert (
        learner.email_reminders is True
    )  # a GET (e.g. a link scanner) changes nothing

    done = client.post(url)

    assert done.status_code == 200
    assert "You will no longer receive reminders; change this on your profile" in (
        done.text
    )
    learner.refresh_from_db()
    assert learner.email_reminders is False


def test_one_click_post_from_a_mail_client_works_without_a_csrf_token(learner):
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        f"/en/accounts/unsubscribe/{unsubscribe_token(learner)}/",
        {"List-Unsubscribe": "One-Click"},
    )

    assert response.status_code == 200
    learner.refresh_from_db()
    assert learner.email_reminders is False


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "not-a-token",
    ],
    ids=["tampered signature", "tampered payload", "garbage"],
)
def test_a_bad_token_is_refused_with_a_clear_page_and_changes_nothing(
    client, learner, mangle
):
    url = f"/en/accounts/unsubscribe/{mangle(unsubscribe_token(learner))}/"

    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "The unsubscribe link is incomplete or was changed" in response.text

    learner.refresh_from_db()
    assert learner.email_reminders is True


def test_a_token_made_for_another_purpose_is_refused(client, learner):
    from django.core import signing

    forged = signing.Signer(salt="some.other.purpose").sign_object({"u": learner.pk})

    response = client.post(f"/en/accounts/unsubscribe/{forged}/")

    assert response.status_code == 400
    learner.refresh_from_db()
    assert learner.email_reminders is True


def test_each_token_only_turns_off_its_own_owner(client, learner):
    other = UserFactory()

    client.post(f"/en/accounts/unsubscribe/{unsubscribe_token(learner)}/")

    other.refresh_from_db()
    assert other.email_reminders is True


def test_the_link_in_an_email_stays_the_same_over_time(learner, monkeypatch):
    import time

    first = unsubscribe_url(learner)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400 * 400)

    assert unsubscribe_url(learner) == first
