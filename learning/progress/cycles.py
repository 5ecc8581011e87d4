"""Re-certification cycles.

An enrolment lives through numbered cycles (`Enrolment.cycle`, from 1). When the
certificate earned in the current cycle has expired or is about to, the learner starts
a new cycle: the steps are taken afresh (step progress is recorded per cycle), only
quiz attempts started since `Enrolment.cycle_started_at` count (for the quiz steps and
the course score), and completing the course again writes a new `CourseCompletion`
for that cycle, which gets its own certificate through the `course_completed` signal.
Earlier cycles' progress and completions stay on record.

Who decides whether a new cycle may start: certificates, which sit above this app
(DESIGN.md §3), so progress never imports them. Progress asks through the Wagtail
hook ``may_start_new_cycle``: each function registered for it is called as
``fn(completion, now=now)`` with the current cycle's completion and returns a
`Recertification` or None (no opinion). The first answer wins.
`learning.certificates.expiry.may_start_new_cycle` answers: allowed when the
certificate has expired or expires within ``RECERTIFY_WINDOW_DAYS``. With no answer
at all (no certificate, or one that never expires), a new cycle is refused.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.log_actions import log

from .models import Enrolment, EnrolmentStatus

HOOK_NAME = "may_start_new_cycle"


@dataclass(frozen=True)
class Recertification:
    """Whether the learner may start a new cycle now, and why not if not."""

    allowed: bool
    message: str = ""
    expires_at: datetime | None = None  # when the current certificate expires
    opens_at: datetime | None = None  # when re-certification becomes possible
    expired: bool = False  # the current certificate has expired


class NewCycleRefused(Exception):
    """A new cycle cannot start; the message says why, for the learner."""


def current_completion(enrolment):
    """The completion of the enrolment's current cycle, or None (uses the
    prefetched completions when there are any)."""
    return next(
        (c for c in enrolment.completions.all() if c.cycle == enrolment.cycle), None
    )


def recertification(enrolment, *, now, completion=None):
    """May the learner start a new cycle of this enrolment at `now`?"""
    if enrolment.status != EnrolmentStatus.ACTIVE:
        return Recertification(False, _("You are no longer enrolled in this course."))
    completion = completion or current_completion(enrolment)
    if completion is None or completion.cycle != enrolment.cycle:
        return Recertification(
            False,
            _("Complete the course first: you can re-certify once it is completed."),
        )
    for answer in hooks.get_hooks(HOOK_NAME):
        decision = answer(completion, now=now)
        if decision is not None:
            return decision
    return Recertification(
        False,
        _("This course's certificate does not expire: there is no need to re-certify."),
    )


def start_new_cycle(enrolment, *, now):
    """Start the next cycle of the enrolment, if `recertification` allows it now;
    raises NewCycleRefused otherwise. The learner is the one acting (audit-logged as
    progress.start_cycle). Of two simultaneous requests, one starts the cycle and
    the other is refused (the new cycle is not completed yet). Returns the
    enrolment, updated."""
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("learner")
            .get(pk=enrolment.pk)
        )
        decision = recertification(locked, now=now)
        if not decision.allowed:
            raise NewCycleRefused(decision.message)
        previous = locked.cycle
        # Conditional on the cycle read, also where rows are not locked (SQLite).
        started = Enrolment.objects.filter(pk=locked.pk, cycle=previous).update(
            cycle=previous + 1, cycle_started_at=now
        )
        if started != 1:
            raise NewCycleRefused(_("A new cycle of this course has already started."))
        locked.cycle = previous + 1
        locked.cycle_started_at = now
        log(
            locked,
            "progress.start_cycle",
            user=locked.learner,
            data={"cycle": locked.cycle, "previous_cycle": previous},
        )
    enrolment.cycle = locked.cycle
    enrolment.cycle_started_at = locked.cycle_started_at
    return enrolment
