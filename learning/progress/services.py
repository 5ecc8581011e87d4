"""Enrolling, recording progress and completing courses. Services take `now=`."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from wagtail.log_actions import log

from assessments.models import Attempt, QuizPage
from learning.languages import content_language

from .models import (
    CourseCompletion,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    StepProgress,
)
from .signals import course_completed


def enrol(
    learner, course, *, now, source=EnrolmentSource.SELF, due_at=None, enrolled_by=None
):
    """The learner's active enrolment in the course, created if there is none."""
    existing = Enrolment.objects.active().for_course(course).filter(learner=learner)
    if enrolment := existing.first():
        return enrolment
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                learner=learner,
                course=course,
                course_key=course.translation_key,
                source=source,
                enrolled_at=now,
                due_at=due_at,
                enrolled_by=enrolled_by,
            )
    except IntegrityError:  # enrolled by a simultaneous request
        return existing.get()


def required_steps(course):
    # The cached outline (courses/outlines.py): the live steps, without a query.
    return [step for step in course.step_list if not step.optional]


# A visit refreshes `last_visited_at` at most this often: reading a page is not
# worth a write every time (it shows only as "last active").
VISIT_GRANULARITY = timedelta(minutes=1)


def record_visit(enrolment, step, *, now, known=None):
    """Remember a visit to the step, in the enrolment's current cycle. `known`: the
    step's progress row when the caller has it already (no query then, unless
    the last visit is more than VISIT_GRANULARITY old)."""
    if known is None:
        known, created = StepProgress.objects.get_or_create(
            enrolment=enrolment,
            step_key=step.translation_key,
            cycle=enrolment.cycle,
            defaults={"started_at": now, "last_visited_at": now},
        )
        if created:
            return known
    if now - known.last_visited_at >= VISIT_GRANULARITY:
        known.last_visited_at = now
        known.save(update_fields=["last_visited_at"])
    return known


def note_reading_language(enrolment, page):
    """Remember the content language of the course page the learner reads; written
    only when it changed (reports show the language each course is taken in)."""
    language = content_language(page)
    if enrolment.language != language:
        enrolment.language = language
        Enrolment.objects.filter(pk=enrolment.pk).update(language=language)


@transaction.atomic
def complete_step(enrolment, step, *, now):
    """Mark a step done (once in each cycle) and complete the course if that was the
    last one."""
    progress, _ = StepProgress.objects.get_or_create(
        enrolment=enrolment,
        step_key=step.translation_key,
        cycle=enrolment.cycle,
        defaults={"started_at": now, "last_visited_at": now},
    )
    if progress.completed_at is None:
        progress.completed_at = now
        progress.save(update_fields=["completed_at"])
    return complete_course_if_done(enrolment, now=now)


def cycle_attempts(enrolment, quizzes):
    """The learner's finished attempts at these quizzes that count in the
    enrolment's current cycle: after a re-certification, only those started since
    the cycle began (so they also finished since)."""
    attempts = Attempt.objects.filter(
        learner=enrolment.learner,
        quiz_key__in=[quiz.translation_key for quiz in quizzes],
    ).finished()
    if enrolment.cycle_started_at:
        attempts = attempts.filter(started_at__gte=enrolment.cycle_started_at)
    return attempts


def course_score(enrolment, quizzes):
    """The mean of the learner's best percentage on each required quiz, in the
    enrolment's current cycle."""
    if not quizzes:
        return None
    best = dict(
        cycle_attempts(enrolment, quizzes)
        .values_list("quiz_key")
        .annotate(best=Max("score"))
    )
    total = sum((best.get(quiz.translation_key) or Decimal(0)) for quiz in quizzes)
    return (total / len(quizzes)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def complete_course_if_done(enrolment, *, now):
    """Write the completion for the current cycle when every required step is done
    (exactly once, whoever gets there first). Returns the completion or None."""
    course = enrolment.course
    steps = required_steps(course)
    done = set(
        enrolment.step_progress.filter(
            cycle=enrolment.cycle, completed_at__isnull=False
        ).values_list("step_key", flat=True)
    )
    if not steps or any(step.translation_key not in done for step in steps):
        return None
    quizzes = [step for step in steps if isinstance(step, QuizPage)]
    return write_completion(enrolment, quizzes=quizzes, now=now)[0]


def write_completion(enrolment, *, quizzes, now):
    """The completion of the current cycle, scored on these quizzes: written once,
    whoever gets there first, and announced once the transaction commits.
    Returns (completion, created)."""
    cycle = enrolment.cycle
    if existing := enrolment.completions.filter(cycle=cycle).first():
        return existing, False
    try:
        with transaction.atomic():
            completion = CourseCompletion.objects.create(
                enrolment=enrolment,
                cycle=cycle,
                completed_at=now,
                score=course_score(enrolment, quizzes),
                hours=enrolment.course.estimated_hours,
            )
    except IntegrityError:  # completed by a simultaneous request
        return enrolment.completions.get(cycle=cycle), False
    transaction.on_commit(
        lambda: course_completed.send(
            sender=CourseCompletion, completion_id=completion.pk
        )
    )
    return completion, True


def withdraw(enrolment, *, now):
    """The learner leaves the course; the enrolment and its progress stay on record."""
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.ended_at = now
    enrolment.save(update_fields=["status", "ended_at"])
    return enrolment


# Administrators and focal points: enrol people, change due dates, remove
# enrolments and record completions earned elsewhere. Every change is audit-logged
# (wagtail.log_actions) with the acting user.


def admin_enrol(learner, course, *, by, now, due_at=None):
    """Enrol a learner on someone's behalf. Returns (enrolment, created): a learner
    already enrolled keeps their enrolment, with the new due date if one is given."""
    existing = Enrolment.objects.active().for_course(course).filter(learner=learner)
    if enrolment := existing.first():
        if due_at is not None:
            change_due_date(enrolment, due_at, by=by, now=now)
        return enrolment, False
    enrolment = enrol(
        learner,
        course,
        now=now,
        source=EnrolmentSource.ADMIN,
        due_at=due_at,
        enrolled_by=by,
    )
    log(
        enrolment,
        "progress.enrol",
        user=by,
        data={"due_at": due_at.isoformat() if due_at else None},
    )
    return enrolment, True


@transaction.atomic
def change_due_date(enrolment, due_at, *, by, now):
    """A new due date; reminders already sent are forgotten so that they follow
    the new date. Nothing is written when the date is unchanged."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.due_at == due_at:
        return enrolment
    previous = enrolment.due_at
    enrolment.due_at = due_at
    enrolment.due_reminder_sent_at = None
    enrolment.overdue_reminder_sent_at = None
    enrolment.save(
        update_fields=["due_at", "due_reminder_sent_at", "overdue_reminder_sent_at"]
    )
    log(
        enrolment,
        "progress.change_due_date",
        user=by,
        data={
            "previous": previous.isoformat() if previous else None,
            "due_at": due_at.isoformat() if due_at else None,
        },
    )
    return enrolment


@transaction.atomic
def remove_enrolment(enrolment, *, by, now, reason):
    """Take a learner off a course. The enrolment and its progress stay on record;
    the reason goes to the audit log. Removing twice changes nothing."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == EnrolmentStatus.REMOVED:
        return enrolment
    previous = enrolment.status
    enrolment.status = EnrolmentStatus.REMOVED
    enrolment.ended_at = now
    enrolment.save(update_fields=["status", "ended_at"])
    log(
        enrolment,
        "progress.remove_enrolment",
        user=by,
        data={"reason": reason, "previous_status": previous},
    )
    return enrolment


@transaction.atomic
def mark_step_complete(enrolment, step, *, by, reason, now):
    """Record a step as done for the learner (e.g. the same training taken
    elsewhere). Completes the course if that was the last required step. Returns
    the completion or None; a step already done changes nothing."""
    done = StepProgress.objects.filter(
        enrolment=enrolment,
        step_key=step.translation_key,
        cycle=enrolment.cycle,
        completed_at__isnull=False,
    ).exists()
    if done:
        return complete_course_if_done(enrolment, now=now)
    log(
        enrolment,
        "progress.mark_step_complete",
        user=by,
        data={
            "reason": reason,
            "step": step.title,
            "step_key": str(step.translation_key),
        },
    )
    return complete_step(enrolment, step, now=now)


def mark_course_complete(enrolment, *, by, reason, now):
    """Record the course as completed for the current cycle, whatever steps are
    done. Score: the mean best percentage of the required quizzes the learner
    actually attempted (None if none). Written once; a second call changes nothing
    and returns the existing completion."""
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        if locked:  # the cycle as it stands now, not as the caller last read it
            enrolment.cycle = locked.cycle
            enrolment.cycle_started_at = locked.cycle_started_at
        quizzes = [
            step
            for step in required_steps(enrolment.course)
            if isinstance(step, QuizPage)
        ]
        attempted_keys = set(
            cycle_attempts(enrolment, quizzes).values_list("quiz_key", flat=True)
        )
        attempted = [quiz for quiz in quizzes if quiz.translation_key in attempted_keys]
        completion, created = write_completion(enrolment, quizzes=attempted, now=now)
        if created:
            log(
                enrolment,
                "progress.mark_course_complete",
                user=by,
                data={"reason": reason, "score": str(completion.score)},
            )
    return completion
