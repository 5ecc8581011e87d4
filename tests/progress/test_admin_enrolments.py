"""Enrolments in the Wagtail admin: administrators and focal points enrol people,
change due dates, remove enrolments and record completions earned elsewhere, each
within the organisations they look after."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from assessments.models import Attempt, AttemptStatus
from courses.authoring import AUTHORS
from courses.models import CoursePage
from learning.accounts.models import Organisation, User
from learning.accounts.roles import appoint_focal_point
from learning.progress.models import (
    CourseCompletion,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    StepProgress,
)
from learning.progress.services import (
    complete_step,
    enrol,
    mark_course_complete,
    mark_step_complete,
    remove_enrolment,
)
from learning.progress.signals import course_completed
from tests.assessments.factories import make_quiz
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
INDEX = "/admin/enrolments/"


@pytest.fixture(scope="module")
def built(module_db):
    """The organisations, focal point and courses, built once for the module."""
    undp = Organisation.objects.create(acronym="UNDP", name="Development Programme")
    uncdf = Organisation.objects.create(
        acronym="UNCDF", name="Capital Development Fund", parent=undp
    )
    wfp = Organisation.objects.create(acronym="WFP", name="World Food Programme")
    focal = UserFactory(organisation=undp, full_name="Grace Mensah")
    appoint_focal_point(focal, [undp])
    course = make_course("Joint procurement", estimated_hours=Decimal("3.5"))
    make_module(course, title="Why buy together")
    make_module(course, title="Framework agreements")
    return {
        "orgs": [undp.pk, uncdf.pk, wfp.pk],
        "focal": focal.pk,
        "course": course.pk,
        "other_course": make_course("Another course", modules=2).pk,
    }


# Each test gets copies of its own: some change them or cache things on them
# (a course's steps).


@pytest.fixture
def orgs(built):
    orgs = Organisation.objects.filter(pk__in=built["orgs"])
    return {org.acronym: org for org in orgs}


@pytest.fixture
def focal(built):
    return User.objects.get(pk=built["focal"])


@pytest.fixture
def course(built):
    return CoursePage.objects.get(pk=built["course"])


@pytest.fixture
def other_course(built):
    """A second course, of two modules."""
    return CoursePage.objects.get(pk=built["other_course"])


def learner_of(org, name):
    return UserFactory(organisation=org, full_name=name)


def enrolment_of(org, name, course, **kwargs):
    return enrol(learner_of(org, name), course, now=NOW, **kwargs)


@pytest.fixture
def three(orgs, course):
    """A learner's enrolment at UNDP, at UNCDF (under UNDP) and at WFP."""
    return {
        acronym: enrolment_of(orgs[acronym], f"Learner at {acronym}", course)
        for acronym in ("UNDP", "UNCDF", "WFP")
    }


def listed_learners(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(
        cell.get_text(strip=True)
        for cell in soup.select("table.listing tbody td.title .title-wrapper a")
    )


def snapshot():
    return (
        list(Enrolment.objects.order_by("pk").values()),
        list(StepProgress.objects.order_by("pk").values()),
        list(CourseCompletion.objects.order_by("pk").values()),
        list(User.objects.order_by("pk").values_list("pk", "email")),
        ModelLogEntry.objects.count(),
    )


# Who sees what


def test_a_focal_point_sees_their_organisations_and_those_below_only(
    client, focal, three
):
    client.force_login(focal)

    response = client.get(INDEX)

    assert response.status_code == 200
    assert listed_learners(response) == ["Learner at UNCDF", "Learner at UNDP"]
    assert "Learner at WFP" not in response.text


def test_a_superuser_sees_every_enrolment(client, three):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert listed_learners(client.get(INDEX)) == [
        "Learner at UNCDF",
        "Learner at UNDP",
        "Learner at WFP",
    ]


def test_an_author_has_no_access_to_enrolments(client, three):
    client.force_login(UserFactory(groups=[AUTHORS]))
    enrolment = three["UNDP"]

    assert "Enrolments" not in client.get("/admin/").text
    for url in (
        INDEX,
        f"{INDEX}new/",
        f"{INDEX}edit/{enrolment.pk}/",
        f"{INDEX}remove/{enrolment.pk}/",
        f"{INDEX}complete/{enrolment.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Learner at UNDP" not in response.text


@pytest.mark.parametrize(
    "path",
    ["edit/{pk}/", "remove/{pk}/", "complete/{pk}/", "history/{pk}/", "delete/{pk}/"],
)
def test_a_focal_point_cannot_reach_another_organisations_enrolment_by_id(
    client, focal, three, path
):
    client.force_login(focal)
    url = INDEX + path.format(pk=three["WFP"].pk)
    before = snapshot()

    # (A 404 in the admin is redirected once to the language-prefixed path, which
    # is a 404 too.)
    opened = client.get(url, follow=True)
    posted = client.post(
        url, {"reason": "Guessing ids", "target": "course", "due_at": ""}, follow=True
    )

    assert opened.status_code == 404
    assert posted.status_code == 404
    assert "Learner at WFP" not in opened.text + posted.text
    assert snapshot() == before


def test_nobody_deletes_an_enrolment(client, three):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    enrolment = three["UNDP"]

    client.post(f"{INDEX}delete/{enrolment.pk}/")

    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
    assert "/delete/" not in client.get(INDEX).text


def test_the_listing_filters_searches_and_shows_progress(client, focal, orgs, course):
    late = enrolment_of(orgs["UNDP"], "Ada Late", course, due_at=NOW)
    complete_step(late, course.steps()[0], now=NOW)
    enrolment_of(orgs["UNCDF"], "Bea Ontime", course, due_at=NOW + timedelta(days=900))
    client.force_login(focal)

    overdue = client.get(INDEX, {"overdue": "true"})
    searched = client.get(INDEX, {"q": "bea"})
    by_org = client.get(INDEX, {"organisation": orgs["UNCDF"].pk})

    assert listed_learners(overdue) == ["Ada Late"]
    assert "50%" in overdue.text and "(overdue)" in overdue.text
    assert listed_learners(searched) == ["Bea Ontime"]
    assert listed_learners(by_org) == ["Bea Ontime"]


def test_the_listing_is_newest_first(client, focal, orgs, course):
    older = learner_of(orgs["UNDP"], "Older")
    newer = learner_of(orgs["UNDP"], "Newer")
    enrol(older, course, now=NOW - timedelta(days=3))
    enrol(newer, course, now=NOW)
    client.force_login(focal)

    soup = BeautifulSoup(client.get(INDEX).content, "html.parser")
    names = [a.get_text(strip=True) for a in soup.select("td.title .title-wrapper a")]

    assert names[:2] == ["Newer", "Older"]


# (A few rows more are enough: a query per row would change the count.)
@pytest.mark.parametrize("enrolments", [2, 6])
def test_the_listing_runs_the_same_queries_whatever_the_number_of_rows(
    client, focal, orgs, course, other_course, enrolments
):
    # Rows of several courses, with steps done and completions, in scope twice over.
    courses = [course, other_course]
    for n in range(enrolments):
        course = courses[n % 2]
        org = orgs["UNDP"] if n % 3 else orgs["UNCDF"]
        enrolment = enrolment_of(org, f"Learner {n:02}", course, due_at=NOW)
        complete_step(enrolment, course.step_list[0], now=NOW)
        if n % 4 == 0:
            complete_step(enrolment, course.step_list[1], now=NOW)
    client.force_login(focal)
    client.get(INDEX)  # warm caches (content types, site root)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(INDEX)

    assert response.status_code == 200
    assert len(listed_learners(response)) == enrolments
    assert response.text.count("100%") == len(range(0, enrolments, 4))
    assert len(queries) == 19, "\n".join(q["sql"] for q in queries)


# Enrol a person


def test_a_focal_point_enrols_someone_from_their_organisation(
    client, focal, orgs, course
):
    learner = learner_of(orgs["UNCDF"], "Chen Li")
    due = timezone.now() + timedelta(days=30)
    client.force_login(focal)

    response = client.post(
        f"{INDEX}new/",
        {
            "email": learner.email.upper(),
            "course": course.pk,
            "due_at": due.strftime("%Y-%m-%d %H:%M"),
        },
        follow=True,
    )

    enrolment = Enrolment.objects.get(learner=learner)
    assert "Chen Li has been enrolled in Joint procurement" in response.text
    assert enrolment.source == EnrolmentSource.ADMIN
    assert enrolment.enrolled_by == focal
    assert enrolment.due_at is not None
    log = ModelLogEntry.objects.get(action="progress.enrol")
    assert log.user == focal and log.object_id == str(enrolment.pk)


def test_enrolling_someone_already_enrolled_says_so_and_updates_the_due_date(
    client, focal, orgs, course
):
    enrolment = enrolment_of(orgs["UNDP"], "Dana Twice", course)
    enrolment.due_reminder_sent_at = NOW
    enrolment.save()
    due = timezone.now() + timedelta(days=10)
    client.force_login(focal)

    response = client.post(
        f"{INDEX}new/",
        {
            "email": enrolment.learner.email,
            "course": course.pk,
            "due_at": due.strftime("%Y-%m-%d %H:%M"),
        },
        follow=True,
    )

    assert "Dana Twice is already enrolled in Joint procurement" in response.text
    assert "Their due date has been updated" in response.text
    enrolment.refresh_from_db()
    assert Enrolment.objects.count() == 1
    assert enrolment.due_at.date() == due.date()
    assert enrolment.due_reminder_sent_at is None
    assert enrolment.source == EnrolmentSource.SELF


def test_an_unknown_email_creates_and_invites_the_person_in_the_chosen_organisation(
    client, focal, orgs, course, django_capture_on_commit_callbacks
):
    client.force_login(focal)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{INDEX}new/",
            {
                "email": "new.person@undp.org",
                "course": course.pk,
                "full_name": "Nour Haddad",
                "organisation": orgs["UNCDF"].pk,
            },
            follow=True,
        )

    person = User.objects.get(email="new.person@undp.org")
    assert "new.person@undp.org has been enrolled" in response.text
    assert person.organisation == orgs["UNCDF"]
    assert person.full_name == "Nour Haddad"
    assert not person.has_usable_password()
    assert person.invited_at is not None
    assert [message.to for message in mail.outbox] == [["new.person@undp.org"]]
    assert Enrolment.objects.get(learner=person).enrolled_by == focal


def test_an_unknown_email_needs_an_organisation(client, focal, course):
    client.force_login(focal)
    before = snapshot()

    response = client.post(
        f"{INDEX}new/", {"email": "someone@undp.org", "course": course.pk}
    )

    assert response.status_code == 400
    assert "Nobody has this email address yet: choose their organisation" in (
        response.text
    )
    assert snapshot() == before


def test_a_focal_point_cannot_enrol_people_outside_their_organisations(
    client, focal, orgs, course
):
    outsider = learner_of(orgs["WFP"], "Outside Person")
    client.force_login(focal)
    before = snapshot()

    existing = client.post(
        f"{INDEX}new/", {"email": outsider.email, "course": course.pk}
    )
    new_elsewhere = client.post(
        f"{INDEX}new/",
        {
            "email": "fresh@wfp.org",
            "course": course.pk,
            "organisation": orgs["WFP"].pk,
        },
    )

    assert existing.status_code == 400
    assert "belongs to an organisation you do not look after" in existing.text
    assert new_elsewhere.status_code == 400
    assert "Select a valid choice" in new_elsewhere.text
    assert snapshot() == before
    assert mail.outbox == []


def test_enrolling_needs_a_live_course_and_a_future_due_date(
    client, focal, orgs, course
):
    learner = learner_of(orgs["UNDP"], "Eve")
    draft = make_course("Draft course")
    draft.unpublish()
    client.force_login(focal)
    before = snapshot()

    unpublished = client.post(
        f"{INDEX}new/", {"email": learner.email, "course": draft.pk}
    )
    past = client.post(
        f"{INDEX}new/",
        {"email": learner.email, "course": course.pk, "due_at": "2020-01-01 10:00"},
    )
    nonsense = client.post(f"{INDEX}new/", {"email": "not an email", "course": "x"})

    assert unpublished.status_code == past.status_code == nonsense.status_code == 400
    assert "The due date must be in the future" in past.text
    assert snapshot() == before


# Edit the due date


def test_changing_the_due_date_resets_the_reminders(client, focal, orgs, course):
    enrolment = enrolment_of(orgs["UNDP"], "Fay", course, due_at=NOW)
    enrolment.due_reminder_sent_at = NOW - timedelta(days=2)
    enrolment.overdue_reminder_sent_at = NOW
    enrolment.save()
    client.force_login(focal)

    response = client.post(
        f"{INDEX}edit/{enrolment.pk}/", {"due_at": "2031-06-30 17:00"}
    )

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert timezone.localtime(enrolment.due_at).date().isoformat() == "2031-06-30"
    assert enrolment.due_reminder_sent_at is None
    assert enrolment.overdue_reminder_sent_at is None
    assert ModelLogEntry.objects.filter(action="progress.change_due_date").count() == 1


# Remove


def test_removing_keeps_the_record_and_its_progress_and_logs_the_reason(
    client, focal, orgs, course
):
    enrolment = enrolment_of(orgs["UNDP"], "Gil", course)
    complete_step(enrolment, course.steps()[0], now=NOW)
    client.force_login(focal)

    page = client.get(f"{INDEX}remove/{enrolment.pk}/")
    response = client.post(
        f"{INDEX}remove/{enrolment.pk}/", {"reason": "Left the organisation"}
    )

    assert page.status_code == 200 and "stay on record" in page.text
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.REMOVED
    assert enrolment.ended_at is not None
    assert enrolment.step_progress.filter(completed_at__isnull=False).count() == 1
    log = ModelLogEntry.objects.get(action="progress.remove_enrolment")
    assert log.user == focal
    assert log.data["reason"] == "Left the organisation"
    history = client.get(f"{INDEX}history/{enrolment.pk}/")
    assert "Removed from the course" in history.text
    assert "Left the organisation" in history.text


def test_a_removed_enrolment_leaves_the_learners_dashboard(client, orgs, course):
    enrolment = enrolment_of(orgs["UNDP"], "Hana", course)
    client.force_login(enrolment.learner)
    assert "Joint procurement" in client.get("/en/my-learning/").text

    remove_enrolment(
        enrolment, by=UserFactory(is_superuser=True), now=NOW, reason="Duplicate"
    )

    assert "Joint procurement" not in client.get("/en/my-learning/").text


def test_a_removed_enrolment_cannot_be_removed_again_or_completed(
    client, focal, orgs, course
):
    enrolment = enrolment_of(orgs["UNDP"], "Ora", course)
    remove_enrolment(enrolment, by=focal, now=NOW, reason="Left")
    client.force_login(focal)
    before = snapshot()

    again = client.post(f"{INDEX}remove/{enrolment.pk}/", {"reason": "Twice"})
    complete = client.post(
        f"{INDEX}complete/{enrolment.pk}/", {"target": "course", "reason": "RPL"}
    )

    assert again.status_code == complete.status_code == 400
    assert "no longer active" in again.text and "no longer active" in complete.text
    assert snapshot() == before


def test_removing_needs_a_reason(client, focal, orgs, course):
    enrolment = enrolment_of(orgs["UNDP"], "Ivo", course)
    client.force_login(focal)
    before = snapshot()

    response = client.post(f"{INDEX}remove/{enrolment.pk}/", {"reason": "   "})

    assert response.status_code == 400
    assert "This field is required" in response.text or "Give a reason" in (
        response.text
    )
    assert snapshot() == before


# Mark complete


def test_marking_a_step_then_the_last_step_complete_completes_the_course_once(
    client, focal, orgs, course
):
    enrolment = enrolment_of(orgs["UNCDF"], "Jo", course)
    first, second = course.steps()
    client.force_login(focal)
    url = f"{INDEX}complete/{enrolment.pk}/"

    page = client.get(url)
    client.post(url, {"target": first.pk, "reason": "Took it at UNDP in 2025"})
    after_first = client.get(url)
    client.post(url, {"target": second.pk, "reason": "Took it at UNDP in 2025"})

    assert "Why buy together" in page.text and "Not started" in page.text
    assert "50% complete" in after_first.text
    completion = CourseCompletion.objects.get(enrolment=enrolment)
    assert completion.hours == Decimal("3.5")
    logs = ModelLogEntry.objects.filter(action="progress.mark_step_complete")
    assert [log.data["step"] for log in logs.order_by("pk")] == [
        "Why buy together",
        "Framework agreements",
    ]
    assert all(log.data["reason"] == "Took it at UNDP in 2025" for log in logs)


def test_marking_the_course_complete_scores_only_the_quizzes_attempted(
    client, focal, orgs, course
):
    attempted = make_quiz(course, title="Quiz one")
    make_quiz(course, title="Quiz two")
    enrolment = enrolment_of(orgs["UNDP"], "Kim", course)
    Attempt.objects.create(
        learner=enrolment.learner,
        quiz=attempted,
        number=1,
        status=AttemptStatus.SUBMITTED,
        started_at=NOW,
        finished_at=NOW,
        questions=[],
        score=Decimal("80"),
        passed=False,
    )
    client.force_login(focal)

    response = client.post(
        f"{INDEX}complete/{enrolment.pk}/",
        {"target": "course", "reason": "Completed the same training at UNDP in 2025"},
        follow=True,
    )

    assert "Joint procurement marked complete for Kim" in response.text
    completion = CourseCompletion.objects.get(enrolment=enrolment)
    assert completion.score == Decimal("80.00")
    assert completion.hours == Decimal("3.5")
    log = ModelLogEntry.objects.get(action="progress.mark_course_complete")
    assert log.data["reason"] == "Completed the same training at UNDP in 2025"
    history = client.get(f"{INDEX}history/{enrolment.pk}/")
    assert "Course marked complete" in history.text


def test_mark_course_complete_writes_once_and_announces_it_after_commit(
    orgs, course, django_capture_on_commit_callbacks
):
    enrolment = enrolment_of(orgs["UNDP"], "Lou", course)
    admin = UserFactory(is_superuser=True)
    announced = []

    def listener(sender, completion_id, **kwargs):
        announced.append(completion_id)

    course_completed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            first = mark_course_complete(enrolment, by=admin, reason="RPL", now=NOW)
        with django_capture_on_commit_callbacks(execute=True):
            second = mark_course_complete(
                enrolment, by=admin, reason="Again", now=NOW + timedelta(days=1)
            )
    finally:
        course_completed.disconnect(listener)

    assert first == second
    assert first.score is None and first.completed_at == NOW
    assert announced == [first.pk]
    assert CourseCompletion.objects.count() == 1
    assert (
        ModelLogEntry.objects.filter(action="progress.mark_course_complete").count()
        == 1
    )


def test_mark_step_complete_twice_changes_nothing_the_second_time(orgs, course):
    enrolment = enrolment_of(orgs["UNDP"], "Max", course)
    admin = UserFactory(is_superuser=True)
    step = course.steps()[0]

    mark_step_complete(enrolment, step, by=admin, reason="RPL", now=NOW)
    mark_step_complete(enrolment, step, by=admin, reason="RPL", now=NOW + timedelta(1))

    progress = StepProgress.objects.get(enrolment=enrolment)
    assert progress.completed_at == NOW
    assert (
        ModelLogEntry.objects.filter(action="progress.mark_step_complete").count() == 1
    )


@pytest.mark.parametrize("bad", ["missing reason", "unknown step", "other course"])
def test_bad_mark_complete_requests_change_nothing(
    client, focal, orgs, course, other_course, bad
):
    enrolment = enrolment_of(orgs["UNDP"], "Noa", course)
    other_step = other_course.steps()[0]
    data = {
        "missing reason": {"target": course.steps()[0].pk, "reason": ""},
        "unknown step": {"target": "999999", "reason": "RPL"},
        "other course": {"target": other_step.pk, "reason": "RPL"},
    }[bad]
    client.force_login(focal)
    before = snapshot()

    response = client.post(f"{INDEX}complete/{enrolment.pk}/", data)

    assert response.status_code == 400
    message = (
        "This field is required"
        if bad == "missing reason"
        else "That step is not part of this course"
    )
    assert message in response.text
    assert snapshot() == before
