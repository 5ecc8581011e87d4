import pytest

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_learner_logs_in_with_email_and_password_and_returns_to_the_page(client):
    UserFactory(email="amina@undp.org")

    response = client.post(
        "/en/accounts/login/?next=/en/",
        {"username": "Amina@UNDP.org", "password": TEST_PASSWORD, "next": "/en/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_a_wrong_password_is_refused_with_a_clear_message(client):
    UserFactory(email="amina@undp.org")

    response = client.post(
        "/en/accounts/login/", {"username": "amina@undp.org", "password": "nope"}
    )

    assert response.status_code == 400
    assert "Please enter a correct email address and password" in response.text
    assert "_auth_user_id" not in client.session


def test_the_header_links_to_the_login_page(client):
    response = client.get("/en/", follow=True)

    assert 'href="/en/accounts/login/?next=' in response.text


def test_the_unprefixed_login_url_keeps_working(client):
    response = client.get("/accounts/login/", follow=True)

    assert response.redirect_chain[-1][0] == "/en/accounts/login/"
    assert response.status_code == 200
