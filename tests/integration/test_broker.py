import pytest

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def test_a_worker_starts_with_the_project_settings_and_answers(celery_worker):
    from learning.celery import app

    replies = app.control.ping(destination=[celery_worker], timeout=2)

    assert replies == [{celery_worker: {"ok": "pong"}}]


def test_healthz_reports_a_reachable_broker(client, celery_worker):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}
