"""Weekly completion reports by email: subscribing in the admin (within one's
scope), the weekly run (figures as the subscriber may see them, once a week
whatever the number of runs, nothing to those who lost the right), and the
one-click unsubscribe link."""

import logging
import re
from datetime import timedelta
from smtplib import SMTPException
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from courses.authoring import AUTHORS
from learning.accounts.roles import FOCAL_POINTS
from learning.progress.services import enrol
from learning.reports import tasks
from learning.reports.models import ReportSubscription
from learning.reports.subscription_views import menu_item
from learning.reports.subscriptions import (
    due_subscriptions,
    send_weekly_report,
    send_weekly_reports,
    subscribe,
    unsubscribe_token,
)
from tests.factories import UserFactory, fresh

from .world import NOW, World

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
WEEK = 7 * DAY
# An hour before the world's NOW: Amina's completion (7 days before NOW) falls
# within the last 7 days.
RUN = NOW - timedelta(hours=1)
INDEX = "/admin/reports/subscriptions/"
BASE_URL = "https://learn.example.org"
FIGURE_LABELS = {
    "Enrolled": "enrolled",
    "Completed in the last 7 days": "completed_this_week",
    "Completed in all": "completed",
    "In progress": "in_progress",
    "Not started": "not_started",
    "Overdue": "overdue",
}


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL


@pytest.fixture(scope="module")
def world(module_db):
    """Built once for the module's tests."""
    world = World()
    # Gus (UNCDF, below UNDP) enrolled in Cloud strategy and never started.
    world.gus = World.learner("Gus Lindqvist", "gus@example.org", world.uncdf)
    enrol(world.gus, world.cloud, now=NOW - 2 * DAY)
    return world


@pytest.fixture
def undp_focal(world):
    return world.focal_point(world.undp, email="grace@example.org")


@pytest.fixture
def who_focal(world):
    return world.focal_point(world.who, email="wen@example.org")


@pytest.fixture
def admin():
    return UserFactory(email="root@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the weekly job as beat would, and let the queued emails go out."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return send_weekly_reports(now=now)

    return run


def figures_in(body):
    """The figures as the plain-text email states them."""
    found = {}
    for line in body.splitlines():
        label, _, value = line.rpartition(": ")
        if label in FIGURE_LABELS and value.isdigit():
            found[FIGURE_LABELS[label]] = int(value)
    return found


def rows():
    return sorted(
        ReportSubscription.objects.values_list(
            "pk", "user_id", "course_key", "organisation_id", "last_sent_at"
        )
    )


def no_server_error(caplog):
    return not [
        record
        for record in caplog.records
        if record.name == "django.request" and record.levelno >= logging.ERROR
    ]


# Subscribing in the admin


def test_a_focal_point_subscribes_to_their_organisation_and_a_course(
    client, world, undp_focal
):
    client.force_login(undp_focal)

    page = client.get(INDEX)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    offered = [o.text for o in soup.select("select[name=organisation] option")]
    assert offered == [
        "Every organisation you report on",
        str(world.uncdf),
        str(world.undp),
    ]
    courses = [o.text for o in soup.select("select[name=course] option")]
    assert courses == ["Every course", "Cloud strategy", "Data governance"]

    response = client.post(INDEX, {"organisation": world.undp.pk}, follow=True)
    assert "You will receive the weekly report on UNDP by email" in (
        response.content.decode()
    )
    response = client.post(
        INDEX, {"course": world.data.pk, "organisation": world.uncdf.pk}
    )
    assert response.status_code == 302

    subscriptions = ReportSubscription.objects.filter(user=undp_focal)
    assert {(s.course_id, s.organisation_id) for s in subscriptions} == {
        (None, world.undp.pk),
        (world.data.pk, world.uncdf.pk),
    }
    assert {s.course_key for s in subscriptions} == {None, world.data.translation_key}
    listing = BeautifulSoup(client.get(INDEX).content, "html.parser")
    assert [a.text for a in listing.select("table.listing td a")] == [
        "Data governance – UNCDF",
        "UNDP",
    ]


@pytest.mark.parametrize("value", ["who", "999999", "not-a-number"])
def test_another_organisation_is_refused_and_nothing_is_saved(
    client, world, undp_focal, value, caplog
):
    client.force_login(undp_focal)
    before = rows()
    organisation = world.who.pk if value == "who" else value

    response = client.post(
        INDEX, {"course": world.data.pk, "organisation": organisation}
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing was added" in text
    assert (
        "You may only subscribe to reports on the organisations you look after." in text
    )
    assert rows() == before
    assert no_server_error(caplog)


def test_a_subscription_needs_a_course_or_an_organisation(client, undp_focal):
    client.force_login(undp_focal)

    response = client.post(INDEX, {"course": "", "organisation": ""})

    assert response.status_code == 400
    assert "Choose a course, an organisation or both." in response.content.decode()
    assert not ReportSubscription.objects.exists()


def test_an_unpublished_course_is_refused(client, world, undp_focal):
    fresh(world.data).unpublish()  # the world's copy stays live for other tests
    client.force_login(undp_focal)

    response = client.post(INDEX, {"course": world.data.pk})

    assert response.status_code == 400
    assert "Choose a published course." in response.content.decode()
    assert not ReportSubscription.objects.exists()


def test_subscribing_twice_adds_nothing(client, world, undp_focal):
    client.force_login(undp_focal)
    client.post(INDEX, {"course": world.data.pk})
    before = rows()

    response = client.post(INDEX, {"course": world.data.pk}, follow=True)

    assert "You already receive the weekly report on Data governance." in (
        response.content.decode()
    )
    assert rows() == before


def test_an_administrator_subscribes_to_any_organisation(client, world, admin):
    client.force_login(admin)

    response = client.post(INDEX, {"organisation": world.who.pk})

    assert response.status_code == 302
    subscription = ReportSubscription.objects.get(user=admin)
    assert subscription.organisation == world.who
    assert subscription.course is None


def test_the_service_refuses_an_organisation_out_of_scope(world, undp_focal):
    from learning.reports.subscriptions import SubscriptionRefused

    with pytest.raises(SubscriptionRefused):
        subscribe(undp_focal, organisation=world.who, now=NOW)
    assert not ReportSubscription.objects.exists()


def test_only_those_who_see_the_completion_report_get_here(client, world):
    author = UserFactory(groups=[AUTHORS])  # course summaries only
    client.force_login(author)
    before = rows()

    assert client.get(INDEX).url == "/admin/"
    assert client.post(INDEX, {"course": world.data.pk}).url == "/admin/"

    assert rows() == before
    request = RequestFactory().get("/admin/")
    request.user = author
    assert not menu_item().is_shown(request)


def test_the_menu_item_is_shown_to_focal_points(undp_focal):
    request = RequestFactory().get("/admin/")
    request.user = undp_focal
    item = menu_item()
    assert item.is_shown(request)
    assert item.url == INDEX


def test_one_removes_ones_own_subscription_only(client, world, undp_focal, admin):
    own, _ = subscribe(undp_focal, course=world.data, now=NOW)
    others, _ = subscribe(admin, course=world.data, now=NOW)
    client.force_login(undp_focal)

    assert client.get(f"{INDEX}{own.pk}/remove/").status_code == 405
    assert client.post(f"{INDEX}{others.pk}/remove/").status_code == 404
    response = client.post(f"{INDEX}{own.pk}/remove/", follow=True)

    assert "You will no longer receive the weekly report on Data governance." in (
        response.content.decode()
    )
    assert list(ReportSubscription.objects.values_list("pk", flat=True)) == [others.pk]


def test_the_listing_costs_the_same_whatever_the_number_of_subscriptions(
    client, world, undp_focal
):
    client.force_login(undp_focal)
    subscribe(undp_focal, course=world.data, now=NOW)
    client.get(INDEX)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        page = client.get(INDEX)
    assert page.content.decode().count("/remove/") == 1
    subscribe(undp_focal, course=world.cloud, now=NOW)
    subscribe(undp_focal, organisation=world.uncdf, now=NOW)

    with CaptureQueriesContext(connection) as three:
        page = client.get(INDEX)

    assert page.content.decode().count("/remove/") == 3
    assert len(three) == len(one) == 16


# The weekly run


def test_each_subscriber_gets_the_figures_they_may_see(
    run, world, undp_focal, who_focal, admin
):
    subscribe(undp_focal, course=world.data, now=RUN - DAY)
    subscribe(undp_focal, organisation=world.undp, now=RUN - DAY)
    subscribe(admin, course=world.data, now=RUN - DAY)
    subscribe(who_focal, organisation=world.who, now=RUN - DAY)

    assert run(RUN) == 4

    emails = {(m.to[0], m.subject): m for m in mail.outbox}
    assert len(mail.outbox) == 4
    # UNDP's focal point sees Amina (completed 7 days ago) and Bruno (UNCDF, in
    # progress) in Data governance; neither Chen (WHO) nor Fay (no organisation).
    undp_data = emails["grace@example.org", "Weekly completion report: Data governance"]
    assert figures_in(undp_data.body) == {
        "enrolled": 2,
        "completed_this_week": 1,
        "completed": 1,
        "in_progress": 1,
        "not_started": 0,
        "overdue": 0,
    }
    # UNDP with UNCDF below it: Amina, Bruno, and Gus who never started.
    undp = emails["grace@example.org", "Weekly completion report: UNDP"]
    assert figures_in(undp.body) == {
        "enrolled": 3,
        "completed_this_week": 1,
        "completed": 1,
        "in_progress": 1,
        "not_started": 1,
        "overdue": 0,
    }
    # The administrator sees every learner of Data governance: Fay completed it
    # 15 days ago, Chen started it.
    everyone = emails["root@example.org", "Weekly completion report: Data governance"]
    assert figures_in(everyone.body) == {
        "enrolled": 4,
        "completed_this_week": 1,
        "completed": 2,
        "in_progress": 2,
        "not_started": 0,
        "overdue": 0,
    }
    # WHO: Chen is overdue in Cloud strategy and in progress in Data governance;
    # Dana withdrew.
    who = emails["wen@example.org", "Weekly completion report: WHO"]
    assert figures_in(who.body) == {
        "enrolled": 2,
        "completed_this_week": 0,
        "completed": 0,
        "in_progress": 1,
        "not_started": 0,
        "overdue": 1,
    }
    assert set(ReportSubscription.objects.values_list("last_sent_at", flat=True)) == {
        RUN
    }


def test_the_email_links_to_the_report_and_names_no_learner(
    run, client, world, undp_focal
):
    subscribe(undp_focal, course=world.data, organisation=world.undp, now=RUN)

    run(RUN)

    (message,) = mail.outbox
    html = message.alternatives[0].content
    report = (
        f"{BASE_URL}/admin/reports/completion/"
        f"?course={world.data.pk}&organisation={world.undp.pk}"
    )
    for body in (message.body, html):
        assert report in body.replace("&amp;", "&")
        assert f"{report}&export=csv" in body.replace("&amp;", "&")
        for learner in (world.amina, world.bruno, world.gus, world.chen):
            assert learner.full_name not in body
            assert learner.email not in body
    assert message.subject == "Weekly completion report: Data governance – UNDP"
    assert "Hello Focal Point," in message.body
    assert "from 3 March 2026 to 10 March 2026 (UTC)" in message.body
    assert "<strong>Data governance – UNDP</strong>" in html

    path = urlsplit(report).path + "?" + urlsplit(report).query
    assert client.get(path).status_code == 302  # forwarded: a login first
    client.force_login(undp_focal)
    page = client.get(path)
    assert page.status_code == 200
    assert "Amina Diallo" in page.content.decode()


def test_the_email_is_sent_once_a_week(run, world, undp_focal):
    subscription, _ = subscribe(undp_focal, course=world.data, now=RUN - DAY)

    assert run(RUN) == 1
    assert run(RUN) == 0  # the same hour, again
    assert run(RUN + timedelta(hours=1)) == 0
    assert run(RUN + 6 * DAY) == 0  # a daily run
    assert len(mail.outbox) == 1

    # A week later (beat a little early): the next one.
    assert run(RUN + WEEK - timedelta(minutes=1)) == 1
    assert run(RUN + WEEK + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 2
    subscription.refresh_from_db()
    assert subscription.last_sent_at == RUN + WEEK - timedelta(minutes=1)


def test_of_two_runs_at_once_only_one_sends(
    run, world, undp_focal, django_capture_on_commit_callbacks
):
    subscribe(undp_focal, course=world.data, now=RUN - DAY)
    # The second run read the due subscriptions before the first one sent.
    seen_by_second = list(due_subscriptions(RUN).select_related("user", "course"))

    assert run(RUN) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_weekly_report(seen_by_second[0], now=RUN) is False

    assert len(mail.outbox) == 1


@pytest.mark.parametrize("loss", ["not a focal point", "inactive", "organisation"])
def test_a_subscriber_who_lost_the_right_gets_nothing(run, world, undp_focal, loss):
    subscription, _ = subscribe(undp_focal, organisation=world.undp, now=RUN - DAY)
    if loss == "not a focal point":
        undp_focal.groups.remove(*undp_focal.groups.filter(name=FOCAL_POINTS))
    elif loss == "inactive":
        undp_focal.is_active = False
        undp_focal.save()
    else:  # still a focal point, of WHO now
        undp_focal.focal_organisations.set([world.who])

    assert run(RUN) == 0

    assert mail.outbox == []
    subscription.refresh_from_db()  # kept, unclaimed: resumes if the right returns
    assert subscription.last_sent_at is None


def test_the_subscription_resumes_when_the_right_comes_back(run, world, undp_focal):
    subscription, _ = subscribe(undp_focal, organisation=world.undp, now=RUN - DAY)
    undp_focal.is_active = False
    undp_focal.save()
    assert run(RUN) == 0

    undp_focal.is_active = True
    undp_focal.save()
    assert run(RUN + timedelta(hours=1)) == 1
    assert len(mail.outbox) == 1


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("mail server down")


def test_a_failed_send_gives_the_week_back(run, world, undp_focal, caplog):
    subscription, _ = subscribe(undp_focal, course=world.data, now=RUN - DAY)
    refusing = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}

    with override_settings(MAILERS=refusing):
        assert run(RUN) == 1  # queued, then refused by the server

    subscription.refresh_from_db()
    assert subscription.last_sent_at is None
    assert "could not be sent" in caplog.text
    assert mail.outbox == []
    assert run(RUN + timedelta(hours=1)) == 1  # the next hourly run
    assert len(mail.outbox) == 1


def test_a_deleted_course_sends_nothing(run, world, admin):
    subscribe(admin, course=world.cloud, now=RUN - DAY)
    fresh(world.cloud).delete()  # the world's copy stays whole for other tests

    assert run(RUN) == 0
    assert mail.outbox == []


def test_the_task_runs_the_weekly_job(world, admin, django_capture_on_commit_callbacks):
    subscribe(admin, course=world.data, now=NOW - WEEK)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_weekly_reports.delay().get() == 1

    assert len(mail.outbox) == 1


# Unsubscribing from the email


def unsubscribe_link(message):
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    url = header[1:-1]
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert url in message.body
    return url


def test_one_click_unsubscribe(run, world, undp_focal, admin, caplog):
    subscription, _ = subscribe(undp_focal, course=world.data, now=RUN - DAY)
    kept, _ = subscribe(admin, course=world.data, now=RUN - DAY)
    run(RUN)
    message = next(m for m in mail.outbox if m.to == ["grace@example.org"])
    url = unsubscribe_link(message)
    assert url.startswith(f"{BASE_URL}/en/reports/unsubscribe/")
    path = urlsplit(url).path
    mail_client = Client(enforce_csrf_checks=True)  # as a mail provider posts

    page = mail_client.get(path)
    assert page.status_code == 200
    assert "Stop sending the weekly completion report on" in page.content.decode()
    assert ReportSubscription.objects.filter(pk=subscription.pk).exists()

    done = mail_client.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert (
        "You will no longer receive the weekly report on Data governance."
        in done.content.decode()
    )
    assert list(ReportSubscription.objects.values_list("pk", flat=True)) == [kept.pk]

    again = mail_client.post(path)
    assert again.status_code == 200
    assert "You no longer receive this weekly report." in again.content.decode()
    assert no_server_error(caplog)


def test_a_tampered_token_changes_nothing(client, world, undp_focal, caplog):
    subscription, _ = subscribe(undp_focal, course=world.data, now=NOW)
    other, _ = subscribe(undp_focal, course=world.cloud, now=NOW)
    token = unsubscribe_token(subscription)
    value, signature = token.rsplit(":", 1)
    before = rows()

    for bad in (f"{value}:{signature[:-2]}xx", unsubscribe_token(other) + "x", "abc"):
        for method in (client.get, client.post):
            response = method(f"/en/reports/unsubscribe/{bad}/")
            assert response.status_code == 400
            assert "This link cannot be used" in response.content.decode()

    assert rows() == before
    assert no_server_error(caplog)


def test_an_old_token_never_matches_a_later_subscription(client, world, undp_focal):
    """SQLite may give a new row the id of a deleted one."""
    first, _ = subscribe(undp_focal, course=world.data, now=NOW)
    token = unsubscribe_token(first)
    pk = first.pk
    first.delete()
    later = ReportSubscription.objects.create(
        pk=pk,
        user=undp_focal,
        course_key=world.cloud.translation_key,
        course=world.cloud,
        created_at=NOW + DAY,
    )

    response = client.post(f"/en/reports/unsubscribe/{token}/")

    assert response.status_code == 200
    assert "You no longer receive this weekly report." in response.content.decode()
    assert ReportSubscription.objects.filter(pk=later.pk).exists()


def test_the_unsubscribe_link_is_in_the_subscribers_language(run, world, admin):
    admin.preferred_language = "fr"
    admin.save()
    subscribe(admin, course=world.data, now=RUN - DAY)

    run(RUN)

    (message,) = mail.outbox
    assert re.search(
        rf"{re.escape(BASE_URL)}/fr/reports/unsubscribe/[^/\s]+/", message.body
    )
