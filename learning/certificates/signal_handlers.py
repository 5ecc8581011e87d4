import logging

from django.dispatch import receiver

from learning.progress.signals import course_completed

from .tasks import issue_certificate_task

logger = logging.getLogger(__name__)


@receiver(course_completed, dispatch_uid="certificates_issue_on_completion")
def issue_certificate_on_completion(sender, completion_id, **kwargs):
    """A course was completed (the signal comes after commit): queue its
    certificate, by id."""
    try:
        issue_certificate_task.delay(completion_id)
    except Exception:  # noqa: BLE001 (the learner's request must not fail for it)
        # A broker away (or, run eagerly, a render that kept failing): the sweep
        # queues it again later.
        logger.exception(
            "Could not queue the certificate of completion %s", completion_id
        )
