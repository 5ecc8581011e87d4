"""People make their own accounts, accept invitations and recover passwords, in the
browser and by the links the emails carry."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from learning.accounts import services as accounts
from learning.accounts.models import Organisation, User
from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and private passphrase"


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.fixture
def undp():
    return Organisation.objects.create(acronym="UNDP", name="UN Development Programme")


def local(live_server, url):
    """The emailed link, pointed at the test server (emails use BASE_URL)."""
    return live_server.url + re.sub(r"^https?://[^/]+", "", url)


def test_sign_up_confirm_the_address_and_set_the_profile(live_server, page, undp):
    # Given a visitor on the catalogue, when they create an account
    mail.outbox.clear()
    page.goto(live_server.url + "/")
    page.get_by_role("banner").get_by_role("link", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    assert_accessible(page)
    page.get_by_label("Email address").fill("Amina.Diallo@undp.org")
    page.get_by_label("Full name").fill("Amina Diallo")
    page.get_by_label("Organisation").select_option(label=str(undp))
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()

    # Then they are asked to confirm their address, and cannot log in before
    expect(page.get_by_role("heading", level=1)).to_contain_text("inbox")
    assert_accessible(page)
    user = User.objects.get(email="amina.diallo@undp.org")
    assert not user.is_active
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email address").fill("amina.diallo@undp.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Confirm your email address")

    # When they follow the emailed link, they are signed in
    (message,) = mail.outbox
    page.goto(local(live_server, link_in(message)))
    expect(
        page.get_by_role("banner").get_by_role("link", name="Profile")
    ).to_be_visible()
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at

    # And the profile keeps their time zone and email preferences
    page.get_by_role("banner").get_by_role("link", name="Profile").click()
    assert_accessible(page)
    page.get_by_label("Time zone").select_option("Asia/Tokyo")
    page.get_by_label("Send me reminders by email").uncheck()
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.get_by_role("status").first).to_be_visible()
    user.refresh_from_db()
    assert (user.time_zone, user.email_reminders) == ("Asia/Tokyo", False)


def test_an_invited_person_chooses_a_password_and_lands_on_their_learning(
    live_server, page, undp
):
    mail.outbox.clear()
    person = accounts.create_invited_user(
        "kofi.mensah@undp.org", full_name="Kofi Mensah", organisation=undp
    )
    accounts.invite(person, invited_by=None, now=timezone.now())

    (message,) = mail.outbox
    page.goto(local(live_server, link_in(message)))
    expect(page.get_by_text("kofi.mensah@undp.org")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Start learning").click()

    expect(page).to_have_url(re.compile(r"/my-learning/$"))
    assert_accessible(page)


def test_a_forgotten_password_is_reset_by_email(live_server, page, undp):
    mail.outbox.clear()
    User.objects.create_user(
        email="sofia.rossi@undp.org", password="the old one", organisation=undp
    )
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("sofia.rossi@undp.org")
    page.get_by_role("button", name="Send me a link").click()
    assert_accessible(page)

    (message,) = mail.outbox
    page.goto(local(live_server, link_in(message)))
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("New password (again|confirmation)")).fill(PASSWORD)
    page.get_by_role("button", name="Save my new password").click()
    assert_accessible(page)

    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email address").fill("sofia.rossi@undp.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("banner").get_by_role("button", name=re.compile("^Log out"))
    ).to_be_visible()
