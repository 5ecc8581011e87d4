import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthz_reports_the_database_and_an_eager_broker(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "eager"}


@pytest.mark.django_db
def test_healthz_answers_in_place_whatever_the_visitor_language(client):
    response = client.get("/healthz", headers={"accept-language": "fr"})

    assert response.status_code == 200


def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("learning.views.connection.cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_healthz_reports_a_broker_that_cannot_be_reached(client, settings):
    from learning.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = None

    assert response.status_code == 200  # still serving: completions are recorded
    assert response.json() == {"database": "ok", "broker": "down"}
