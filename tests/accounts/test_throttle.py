"""Login and password-reset throttling: keyed on the account and the address
together, with a cool-off (DESIGN.md §8). The autouse `empty_cache` fixture starts
every test with no attempts counted."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from learning.accounts.models import User
from learning.accounts.throttle import client_ip
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.10"
ELSEWHERE = "198.51.100.7"
LOGIN = "/en/accounts/login/"


def log_in(client, email, password=TEST_PASSWORD, address=OFFICE, url=LOGIN):
    return client.post(
        url, {"username": email, "password": password}, REMOTE_ADDR=address
    )


def fail_five_times(client, email, address=OFFICE):
    for _ in range(5):
        response = log_in(client, email, password="wrong", address=address)
        assert response.status_code == 400
        assert "Please enter a correct email address and password" in response.text


@pytest.fixture
def amina(db):
    return UserFactory(email="amina@undp.org")


def test_five_failures_refuse_the_account_from_that_address_without_checking(
    client, amina
):
    fail_five_times(client, "amina@undp.org")

    with mock.patch.object(User, "check_password") as check_password:
        response = log_in(client, "Amina@UNDP.org")  # the right password

    check_password.assert_not_called()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Too many failed attempts to log in to this account" in response.text
    assert "Wait 15 minutes" in response.text
    assert "_auth_user_id" not in client.session


def test_one_persons_failures_do_not_lock_out_a_colleague_at_the_same_address(
    client, amina
):
    UserFactory(email="kofi@undp.org")
    fail_five_times(client, "amina@undp.org")

    response = log_in(client, "kofi@undp.org")

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_account_still_works_from_another_address(client, amina):
    fail_five_times(client, "amina@undp.org")

    response = log_in(client, "amina@undp.org", address=ELSEWHERE)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(amina.pk)


def test_the_cool_off_ends_fifteen_minutes_after_the_last_failure(client, amina):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail_five_times(client, "amina@undp.org")

        clock.shift(timedelta(minutes=14, seconds=50))
        assert log_in(client, "amina@undp.org").status_code == 429

        clock.shift(timedelta(seconds=15))
        response = log_in(client, "amina@undp.org")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(amina.pk)


def test_a_successful_login_clears_the_failures(client, amina):
    for _ in range(4):
        log_in(client, "amina@undp.org", password="wrong")
    assert log_in(client, "amina@undp.org").status_code == 302
    client.logout()

    for _ in range(4):
        log_in(client, "amina@undp.org", password="wrong")

    assert log_in(client, "amina@undp.org").status_code == 302


def test_the_admin_login_is_throttled_too(client):
    UserFactory(email="admin@unssc.org", is_superuser=True)
    for _ in range(5):
        log_in(client, "admin@unssc.org", password="wrong", url="/admin/login/")

    log_in(client, "admin@unssc.org", url="/admin/login/")

    assert "_auth_user_id" not in client.session


def request_reset(client, email, address=OFFICE):
    return client.post(
        "/en/accounts/password-reset/", {"email": email}, REMOTE_ADDR=address
    )


def test_password_resets_are_refused_for_the_cool_off_after_five(
    client, amina, django_capture_on_commit_callbacks
):
    UserFactory(email="kofi@undp.org")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert request_reset(client, "amina@undp.org").status_code == 302
        refused = request_reset(client, "amina@undp.org")
        colleague = request_reset(client, "kofi@undp.org")
        elsewhere = request_reset(client, "amina@undp.org", address=ELSEWHERE)

    assert refused.status_code == 429
    assert "Too many password reset requests for this address" in refused.text
    assert colleague.status_code == 302
    assert elsewhere.status_code == 302
    assert [message.to for message in mail.outbox] == [["amina@undp.org"]] * 5 + [
        ["kofi@undp.org"],
        ["amina@undp.org"],
    ]


def test_behind_a_proxy_the_address_it_saw_counts_not_what_the_client_wrote(
    client, amina, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    for attempt in range(5):
        client.post(
            LOGIN,
            {"username": "amina@undp.org", "password": "wrong"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, {OFFICE}",
        )

    spoofed = client.post(
        LOGIN,
        {"username": "amina@undp.org", "password": TEST_PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=f"192.0.2.99, {OFFICE}",
    )
    colleague_elsewhere = client.post(
        LOGIN,
        {"username": "amina@undp.org", "password": TEST_PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=ELSEWHERE,
    )

    assert spoofed.status_code == 429
    assert colleague_elsewhere.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.1"),  # no proxy: the header is anyone's to write
        (1, "192.0.2.1, 203.0.113.10", "203.0.113.10"),
        (2, "192.0.2.1, 203.0.113.10, 10.0.0.9", "203.0.113.10"),
        (2, "203.0.113.10", "10.0.0.1"),  # fewer hops than proxies: not through them
        (1, "", "10.0.0.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(
    settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for
    )

    assert client_ip(request) == expected
