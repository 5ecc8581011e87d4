from django.dispatch import receiver

from assessments.models import Attempt
from assessments.signals import attempt_finished

from .models import Enrolment
from .services import complete_step


@receiver(attempt_finished, dispatch_uid="progress_quiz_passed")
def complete_quiz_step_when_passed(sender, attempt_id, attempt=None, **kwargs):
    """`attempt`: the finished attempt, when the sender has it at hand."""
    if attempt is None:
        attempt = Attempt.objects.select_related("quiz").get(pk=attempt_id)
    if not attempt.passed:
        return
    enrolment = (
        Enrolment.objects.active()
        .in_course_of_step(attempt.quiz)
        .filter(learner_id=attempt.learner_id)
        .select_related("course")  # which completing the step reads
        .first()
    )
    if enrolment is None:
        return
    # After a re-certification, only attempts started in the new cycle count.
    if enrolment.cycle_started_at and attempt.started_at < enrolment.cycle_started_at:
        return
    complete_step(enrolment, attempt.quiz, now=attempt.finished_at)
