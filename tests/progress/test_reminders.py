"""Assignment reminders: due soon once, overdue once, only to the learners who should
get them, in their language and time zone, never twice."""

import struct
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.test import override_settings

from courses.models import CoursePage
from learning.accounts.models import User
from learning.progress import reminders, tasks
from learning.progress.models import CourseCompletion, Enrolment, EnrolmentSource
from learning.progress.reminders import send_assignment_reminders
from learning.progress.services import complete_step, enrol, withdraw
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture(scope="module")
def built(module_db):
    """The course and the learner, built once for the module."""
    course = make_course("Joint procurement & standards")
    make_module(course, title="Why buy together")
    make_module(course, title="Framework agreements")
    learner = UserFactory(email="amina@example.org", full_name="Amina Diallo")
    return {"course": course.pk, "learner": learner.pk}


# Each test gets copies of its own: tests change them (unpublish the course, set
# the learner's language) or cache things on them.


@pytest.fixture
def course(built):
    return CoursePage.objects.get(pk=built["course"])


@pytest.fixture
def learner(built):
    return User.objects.get(pk=built["learner"])


def assign(learner, course, due_at):
    return enrol(
        learner, course, now=NOW - 30 * DAY, source=EnrolmentSource.ADMIN, due_at=due_at
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the service as beat would, and let the queued emails go out."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return send_assignment_reminders(now=now)

    return run


def test_a_due_soon_reminder_goes_out_once_within_the_window(run, learner, course):
    due_at = NOW + 2 * DAY
    enrolment = assign(learner, course, due_at)

    first = run(NOW)
    second = run(NOW + timedelta(hours=1))

    assert first == {"due_soon": 1, "overdue": 0}
    assert second == {"due_soon": 0, "overdue": 0}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject == (
        'Reminder: "Joint procurement & standards" is due on 12 June 2026'
    )
    enrolment.refresh_from_db()
    assert enrolment.due_reminder_sent_at == NOW
    assert enrolment.overdue_reminder_sent_at is None


def test_no_reminder_before_the_window_opens(run, learner, course):
    days = settings.ASSIGNMENT_REMINDER_DAYS_BEFORE
    assign(learner, course, NOW + days * DAY + timedelta(hours=1))

    assert run(NOW) == {"due_soon": 0, "overdue": 0}
    assert mail.outbox == []

    assert run(NOW + 2 * timedelta(hours=1)) == {"due_soon": 1, "overdue": 0}
    assert len(mail.outbox) == 1


@override_settings(ASSIGNMENT_REMINDER_DAYS_BEFORE=7)
def test_the_window_is_a_setting(run, learner, course):
    assign(learner, course, NOW + 6 * DAY)

    assert run(NOW) == {"due_soon": 1, "overdue": 0}


def test_an_overdue_reminder_goes_out_once_after_the_due_date(run, learner, course):
    enrolment = assign(learner, course, NOW + 2 * DAY)
    run(NOW)  # due soon
    mail.outbox.clear()

    assert run(NOW + 2 * DAY - timedelta(minutes=1)) == {"due_soon": 0, "overdue": 0}
    assert run(NOW + 2 * DAY + timedelta(hours=1)) == {"due_soon": 0, "overdue": 1}
    assert run(NOW + 3 * DAY) == {"due_soon": 0, "overdue": 0}

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == (
        'Overdue: "Joint procurement & standards" was due on 12 June 2026'
    )
    assert "is not complete yet" in mail.outbox[0].body
    enrolment.refresh_from_db()
    assert enrolment.overdue_reminder_sent_at == NOW + 2 * DAY + timedelta(hours=1)


def test_a_missed_due_soon_reminder_is_not_sent_late(run, learner, course):
    """Assigned (or beat down) until after the due date: only the overdue one."""
    enrolment = assign(learner, course, NOW - DAY)

    assert run(NOW) == {"due_soon": 0, "overdue": 1}

    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Overdue"]
    enrolment.refresh_from_db()
    assert enrolment.due_reminder_sent_at is None


def test_finished_or_ended_enrolments_get_nothing(run, course):
    completed = assign(UserFactory(), course, NOW + DAY)
    for step in course.steps():
        complete_step(completed, step, now=NOW - DAY)
    assert CourseCompletion.objects.filter(enrolment=completed).exists()
    withdraw(assign(UserFactory(), course, NOW + DAY), now=NOW - DAY)
    removed = assign(UserFactory(), course, NOW + DAY)
    removed.status = "removed"
    removed.save(update_fields=["status"])
    overdue_completed = assign(UserFactory(), course, NOW - DAY)
    for step in course.steps():
        complete_step(overdue_completed, step, now=NOW - 2 * DAY)
    unassigned = enrol(UserFactory(), course, now=NOW)
    before = list(Enrolment.objects.values_list("pk", "due_reminder_sent_at"))

    assert run(NOW) == {"due_soon": 0, "overdue": 0}
    assert run(NOW + 2 * DAY) == {"due_soon": 0, "overdue": 0}

    assert mail.outbox == []
    assert unassigned.due_at is None
    assert list(Enrolment.objects.values_list("pk", "due_reminder_sent_at")) == before


def test_learners_who_turned_reminders_off_or_left_get_nothing(run, course):
    unsubscribed = UserFactory(email_reminders=False)
    deactivated = UserFactory(is_active=False)
    assign(unsubscribed, course, NOW + DAY)
    assign(deactivated, course, NOW - DAY)

    assert run(NOW) == {"due_soon": 0, "overdue": 0}
    assert mail.outbox == []
    assert not Enrolment.objects.filter(due_reminder_sent_at__isnull=False).exists()
    assert not Enrolment.objects.filter(overdue_reminder_sent_at__isnull=False).exists()


def test_a_course_taken_offline_sends_nothing(run, learner, course):
    assign(learner, course, NOW + DAY)
    course.unpublish()

    assert run(NOW) == {"due_soon": 0, "overdue": 0}
    assert mail.outbox == []


def test_the_email_names_the_course_the_local_due_date_the_progress_and_links(
    run, client, learner, course
):
    learner.time_zone = "Asia/Tokyo"
    learner.save()
    # 20:00 UTC on 11 June is 05:00 on 12 June in Tokyo.
    enrolment = assign(learner, course, datetime(2026, 6, 11, 20, 0, tzinfo=UTC))
    first, second = course.steps()
    complete_step(enrolment, first, now=NOW - DAY)

    run(NOW)

    message = mail.outbox[0]
    body = message.body
    assert message.subject.endswith("is due on 12 June 2026")
    assert "Hello Amina Diallo," in body
    assert '"Joint procurement & standards"' in body  # plain text: no &amp;
    assert "due on 12 June 2026, 05:00 (Asia/Tokyo)" in body
    assert "Your progress so far: 50% complete." in body
    assert 'Continue with "Framework agreements":' in body
    resume = next(line for line in body.splitlines() if line.endswith(second.url))
    assert resume.startswith(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
    assert f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/en/my-learning/" in body

    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in body
    page = client.get(urlsplit(unsubscribe).path)
    assert page.status_code == 200
    client.post(urlsplit(unsubscribe).path)
    learner.refresh_from_db()
    assert learner.email_reminders is False


def test_the_link_goes_to_the_course_when_no_step_is_left(run, learner):
    course = make_course("Change management")  # no steps yet
    assign(learner, course, NOW + DAY)

    run(NOW)

    body = mail.outbox[0].body
    assert "Go to the course:" in body
    assert any(line.endswith(course.url) for line in body.splitlines())


def write_mo(path, catalogue):
    """A minimal GNU .mo file (what msgfmt writes), so the test needs no tools."""
    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **catalogue}
    keys = sorted(entries)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(entries[k].encode() + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    offsets, id_offset, str_offset = [], start, start + len(ids)
    for key in keys:
        offsets.append(
            (len(key.encode()), id_offset, len(entries[key].encode()), str_offset)
        )
        id_offset += len(key.encode()) + 1
        str_offset += len(entries[key].encode()) + 1
    header = struct.pack(
        "Iiiiiii", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0
    )
    tables = b"".join(struct.pack("ii", n, o) for n, o, _, _ in offsets)
    tables += b"".join(struct.pack("ii", n, o) for _, _, n, o in offsets)
    path.parent.mkdir(parents=True)
    path.write_bytes(header + tables + ids + strs)


def test_a_french_speaking_learner_gets_the_reminder_in_french(
    run, tmp_path, learner, course
):
    write_mo(
        tmp_path / "fr" / "LC_MESSAGES" / "django.mo",
        {
            'Reminder: "%(course)s" is due on %(date)s': (
                "Rappel : « %(course)s » est à terminer le %(date)s"
            )
        },
    )
    learner.preferred_language = "fr"
    learner.save()
    assign(learner, course, NOW + 2 * DAY)

    with override_settings(LOCALE_PATHS=[tmp_path, *settings.LOCALE_PATHS]):
        run(NOW)

    assert mail.outbox[0].subject == (
        "Rappel : « Joint procurement & standards » est à terminer le 12 juin 2026"
    )
    assert "/fr/accounts/unsubscribe/" in mail.outbox[0].body


def test_overlapping_runs_send_nothing_twice(run, learner, course, monkeypatch):
    """A second run starts between the first one's selection and its claim."""
    assign(learner, course, NOW + DAY)
    assign(UserFactory(), course, NOW - DAY)
    select_steps = reminders.steps_by_course
    overlapped = []

    def other_run_first(courses):
        if not overlapped:
            overlapped.append("running")
            overlapped[0] = send_assignment_reminders(now=NOW)
        return select_steps(courses)

    monkeypatch.setattr(reminders, "steps_by_course", other_run_first)

    first = run(NOW)

    assert overlapped == [{"due_soon": 1, "overdue": 1}]
    assert first == {"due_soon": 0, "overdue": 0}
    assert len(mail.outbox) == 2


def test_an_enrolment_claimed_by_another_run_is_skipped(run, learner, course):
    enrolment = assign(learner, course, NOW + DAY)
    Enrolment.objects.filter(pk=enrolment.pk).update(due_reminder_sent_at=NOW)

    assert run(NOW + timedelta(minutes=5)) == {"due_soon": 0, "overdue": 0}
    assert mail.outbox == []


def test_beat_runs_the_task_hourly(learner, course, django_capture_on_commit_callbacks):
    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == tasks.send_assignment_reminders.name
    )
    assert entry["schedule"] == 3600.0
    from django.utils import timezone

    assign(learner, course, timezone.now() + DAY)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_assignment_reminders.delay()

    assert len(mail.outbox) == 1


def test_the_dashboard_marks_overdue_and_due_soon_assignments(client, learner):
    from django.utils import timezone

    now = timezone.now()
    late = make_course("Late course")
    soon = make_course("Soon course")
    later = make_course("Later course")
    for course in (late, soon, later):
        make_module(course)
    overdue_at = now - 2 * DAY
    assign(learner, late, overdue_at)
    assign(learner, soon, now + DAY)
    assign(learner, later, now + 30 * DAY)
    client.force_login(learner)

    page = client.get("/en/my-learning/")

    soup = BeautifulSoup(page.content, "html.parser")
    items = {
        item.h3.get_text(strip=True): item for item in soup.select(".dashboard-item")
    }
    overdue = items["Late course"].select_one(".due-status--overdue")
    assert overdue.get_text(" ", strip=True).endswith(
        f"Overdue since {overdue_at:%-d %B %Y}"
    )
    assert "Due soon:" in items["Soon course"].get_text()
    assert not items["Later course"].select(".due-status")
    assert "Due " in items["Later course"].get_text()


def test_the_link_leads_to_the_translation_in_the_learners_language(run, learner):
    from wagtail.models import Locale

    from tests.factories import catalogue, publish

    course = make_course("Change management")
    step = make_module(course, title="Leading change")
    french = Locale.objects.get_or_create(language_code="fr")[0]
    publish(catalogue().copy_for_translation(french))
    publish(course.copy_for_translation(french))
    step_fr = publish(step.copy_for_translation(french))
    learner.preferred_language = "fr"
    learner.save()
    assign(learner, course, NOW + DAY)

    run(NOW)

    body = mail.outbox[0].body
    assert step_fr.url.startswith("/fr/")
    assert any(line.endswith(step_fr.url) for line in body.splitlines())
