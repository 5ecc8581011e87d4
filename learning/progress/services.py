"""Enrolling, recording progress and completing courses. Services take `now=`."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max

from assessments.models import Attempt, QuizPage

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
    return [step for step in course.steps() if not step.optional]


def record_visit(enrolment, step, *, now):
    progress, created = StepProgress.objects.get_or_create(
        enrolment=enrolment,
        step_key=step.translation_key,
        defaults={"started_at": now, "last_visited_at": now},
    )
    if not created:
        progress.last_visited_at = now
        progress.save(update_fields=["last_visited_at"])
    return progress


@transaction.atomic
def complete_step(enrolment, step, *, now):
    """Mark a step done (once) and complete the course if that was the last one."""
    progress, _ = StepProgress.objects.get_or_create(
        enrolment=enrolment,
        step_key=step.translation_key,
        defaults={"started_at": now, "last_visited_at": now},
    )
    if progress.completed_at is None:
        progress.completed_at = now
        progress.save(update_fields=["completed_at"])
    return complete_course_if_done(enrolment, now=now)


def course_score(enrolment, quizzes):
    """The mean of the learner's best percentage on each required quiz."""
    if not quizzes:
        return None
    best = dict(
        Attempt.objects.filter(learner=enrolment.learner, quiz__in=quizzes)
        .finished()
        .values_list("quiz")
        .annotate(best=Max("score"))
    )
    total = sum((best.get(quiz.pk) or Decimal(0)) for quiz in quizzes)
    return (total / len(quizzes)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def complete_course_if_done(enrolment, *, now):
    """Write the completion for the current cycle when every required step is done
    (exactly once, whoever gets there first). Returns the completion or None."""
    course = enrolment.course
    steps = required_steps(course)
    done = set(
        enrolment.step_progress.filter(completed_at__isnull=False).values_list(
            "step_key", flat=True
        )
    )
    if not steps or any(step.translation_key not in done for step in steps):
        return None
    cycle = 1  # re-certification (certificates) will start later cycles
    existing = enrolment.completions.filter(cycle=cycle).first()
    if existing:
        return existing
    quizzes = [step for step in steps if isinstance(step, QuizPage)]
    try:
        with transaction.atomic():
            completion = CourseCompletion.objects.create(
                enrolment=enrolment,
                cycle=cycle,
                completed_at=now,
                score=course_score(enrolment, quizzes),
                hours=course.estimated_hours,
            )
    except IntegrityError:  # completed by a simultaneous request
        return enrolment.completions.get(cycle=cycle)
    transaction.on_commit(
        lambda: course_completed.send(
            sender=CourseCompletion, completion_id=completion.pk
        )
    )
    return completion


def withdraw(enrolment, *, now):
    """The learner leaves the course; the enrolment and its progress stay on record."""
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.ended_at = now
    enrolment.save(update_fields=["status", "ended_at"])
    return enrolment
