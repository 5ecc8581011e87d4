"""send_email: the user's language and time zone, after commit, reminders opt-out."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import transaction

from learning.accounts.emails import absolute_url, send_email, unsubscribe_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def email_templates(tmp_path, settings):
    folder = tmp_path / "emails" / "test"
    folder.mkdir(parents=True)
    (folder / "note_subject.txt").write_text(
        "{% load i18n %}{% translate 'Log in' %}\n for {{ user.email }}\n"
    )
    (folder / "note.txt").write_text(
        "{% load i18n %}{% get_current_language as lang %}lang={{ lang }} "
        "when={{ when|date:'Y-m-d H:i' }} site={{ site_url }} "
        "unsub={{ unsubscribe_url|default:'none' }}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return "emails/test/note"


WHEN = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)


def test_an_email_is_rendered_in_the_users_language_and_time_zone(
    email_templates, mailbox, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://learn.example.org/"
    user = UserFactory(preferred_language="fr", time_zone="Asia/Tokyo")

    with mailbox():
        assert send_email(user, email_templates, {"when": WHEN}) is True

    (message,) = mail.outbox
    assert message.to == [user.email]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == f"Se connecter for {user.email}"  # locale/fr
    assert "lang=fr" in message.body
    assert "when=2026-03-02 08:30" in message.body  # Tokyo is UTC+9
    assert "site=https://learn.example.org " in message.body
    assert "unsub=none" in message.body
    assert "List-Unsubscribe" not in message.extra_headers


def test_nothing_leaves_before_the_transaction_commits(email_templates, mailbox):
    user = UserFactory()

    with mailbox() as callbacks:
        send_email(user, email_templates, {"when": WHEN})
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert len(mail.outbox) == 1


def test_nothing_leaves_when_the_transaction_rolls_back(email_templates, mailbox):
    user = UserFactory()

    with mailbox():
        try:
            with transaction.atomic():
                send_email(user, email_templates, {"when": WHEN})
                raise RuntimeError("boom")
        except RuntimeError:
            pass

    assert mail.outbox == []


def test_a_reminder_carries_one_click_unsubscribe_headers(email_templates, mailbox):
    user = UserFactory()

    with mailbox():
        assert send_email(user, email_templates, {"when": WHEN}, reminder=True)

    (message,) = mail.outbox
    url = unsubscribe_url(user)
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    assert f"unsub={url}" in message.body
    assert "/accounts/unsubscribe/" in url


@pytest.mark.parametrize(
    "fields", [{"email_reminders": False}, {"is_active": False}], ids=str
)
def test_reminders_skip_people_who_opted_out_or_are_inactive(
    email_templates, mailbox, fields
):
    user = UserFactory(**fields)

    with mailbox():
        assert send_email(user, email_templates, {"when": WHEN}, reminder=True) is False

    assert mail.outbox == []


def test_other_emails_still_reach_people_who_turned_reminders_off(
    email_templates, mailbox
):
    user = UserFactory(email_reminders=False)

    with mailbox():
        assert send_email(user, email_templates, {"when": WHEN}) is True

    assert len(mail.outbox) == 1


def test_absolute_url_joins_the_site_url_and_a_path(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://learn.example.org/"

    assert (
        absolute_url("/en/my-learning/") == "https://learn.example.org/en/my-learning/"
    )
    assert absolute_url("en/") == "https://learn.example.org/en/"


def test_the_unsubscribe_link_is_in_the_users_language(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://learn.example.org"
    user = UserFactory(preferred_language="fr")

    assert unsubscribe_url(user).startswith(
        "https://learn.example.org/fr/accounts/unsubscribe/"
    )
