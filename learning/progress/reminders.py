"""Assignment reminders: one email when an assignment is due soon, one when it is
overdue. Run hourly by beat; safe to run twice at once (each enrolment is claimed by a
conditional UPDATE before its email is queued)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from learning.accounts.emails import absolute_url, send_email

from .dashboard import steps_by_course
from .models import Enrolment, EnrolmentStatus
from .state import CourseState

logger = logging.getLogger(__name__)

DUE_SOON = "emails/progress/assignment_due"
OVERDUE = "emails/progress/assignment_overdue"


def reminder_window():
    return timedelta(days=settings.ASSIGNMENT_REMINDER_DAYS_BEFORE)


def reminder_candidates():
    """Enrolments whose learner can and wants to hear from us, in a course that
    is still published."""
    return Enrolment.objects.filter(
        learner__is_active=True,
        learner__email_reminders=True,
        course__isnull=False,
        course__live=True,
    )


def send_assignment_reminders(*, now):
    """Queue the due-soon and overdue reminders that are due at `now`; returns how
    many of each were queued. A due-soon reminder that was never sent before the due
    date passed is not sent late: the overdue one goes instead."""
    candidates = reminder_candidates()
    due_soon = candidates.due_soon(now, reminder_window()).filter(
        due_reminder_sent_at__isnull=True
    )
    overdue = candidates.overdue(now).filter(overdue_reminder_sent_at__isnull=True)
    counts = {
        "due_soon": _send_reminders(due_soon, "due_reminder_sent_at", DUE_SOON, now),
        "overdue": _send_reminders(overdue, "overdue_reminder_sent_at", OVERDUE, now),
    }
    if any(counts.values()):
        logger.info("Assignment reminders queued: %s", counts)
    return counts


def _send_reminders(enrolments, stamp, template_prefix, now):
    enrolments = list(
        enrolments.select_related("learner", "course")
        .prefetch_related("step_progress", "completions")
        .order_by("due_at", "pk")
    )
    steps = steps_by_course(list({e.course.pk: e.course for e in enrolments}.values()))
    sent = 0
    for enrolment in enrolments:
        with transaction.atomic():
            # Claim the enrolment first: of two overlapping runs, only one wins.
            claimed = Enrolment.objects.filter(
                pk=enrolment.pk,
                status=EnrolmentStatus.ACTIVE,
                **{f"{stamp}__isnull": True},
            ).update(**{stamp: now})
            if claimed != 1:
                continue
            state = CourseState(
                enrolment.course, steps.get(enrolment.course.pk, []), enrolment
            )
            if send_email(
                enrolment.learner,
                template_prefix,
                reminder_context(state),
                reminder=True,
            ):
                sent += 1
    return sent


def reminder_context(state):
    """What a reminder says: the course, its due date, the progress so far and a
    link straight to the next step (or the course page), in the learner's language
    where the course has a translation."""
    learner = state.enrolment.learner
    with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
        course = state.course.localized
        next_step = state.next_step.localized if state.next_step else None
        resume_url = absolute_url((next_step or course).url)
        dashboard_url = absolute_url(reverse("progress:dashboard"))
    return {
        "course_title": course.title,
        "due_at": state.enrolment.due_at,
        "percent": state.percent,
        "next_step_title": next_step.title if next_step else "",
        "resume_url": resume_url,
        "dashboard_url": dashboard_url,
    }
