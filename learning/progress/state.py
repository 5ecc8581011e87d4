"""Where a learner stands in a course, read in two queries (one more once they have
completed it), whatever its length."""

from functools import cache, cached_property

from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from wagtail import hooks

from courses.models import ModulePage

from .models import CourseCompletion, Enrolment, EnrolmentStatus, StepProgress


class CourseState:
    """A learner's state in the enrolment's current cycle: after a re-certification
    the steps start afresh, and `completion` is the current cycle's (None until it is
    completed again); `previous_completion` is the latest earlier one."""

    def __init__(self, course, steps, enrolment, user=None, *, step_progress=None):
        """`enrolment` comes with its step_progress and completions prefetched
        (see prefetch_progress), or its step progress rows are `step_progress`."""
        self.course = course
        self.steps = steps
        self.enrolment = enrolment
        self.user = user
        self.progress = {}
        self.completion = None
        self.previous_completion = None
        if enrolment:
            # Only the current cycle counts; earlier cycles stay on record. Filtered
            # here rather than in the query, so the prefetch stays one query.
            cycle = enrolment.cycle
            if step_progress is None:
                step_progress = enrolment.step_progress.all()
            self.progress = {p.step_key: p for p in step_progress if p.cycle == cycle}
            # prefetch_progress() loads no completions for an enrolment without.
            has_completions = getattr(enrolment, "has_completions", True)
            completions = self.enrolment.completions.all() if has_completions else ()
            self.completion = next((c for c in completions if c.cycle == cycle), None)
            self.previous_completion = max(
                (c for c in completions if c.cycle < cycle),
                key=lambda c: c.cycle,
                default=None,
            )

    @classmethod
    def for_user(cls, course, user):
        if not user.is_authenticated:
            return cls(course, course.step_list, None, user)
        enrolment = active_enrolment(user, course)
        step_progress = []
        if enrolment:
            step_progress = list(
                StepProgress.objects.raw(step_progress_sql(), [enrolment.pk])
            )
            prefetch_completions([enrolment])
        return cls(
            course, course.step_list, enrolment, user, step_progress=step_progress
        )

    @cached_property
    def is_author(self):
        """Whoever may edit the course reads its live steps without enrolling."""
        return bool(
            self.user
            and self.user.is_authenticated
            and self.course.permissions_for_user(self.user).can_edit()
        )

    def can_read(self, step):
        """Steps are for enrolled learners; an open course lets anyone signed in
        read its modules (its quizzes still need an enrolment)."""
        if self.enrolment:
            return True
        if not (self.user and self.user.is_authenticated):
            return False
        if self.course.open_access and isinstance(step, ModulePage):
            return True
        return self.is_author

    @property
    def last_activity(self):
        return max((p.last_visited_at for p in self.progress.values()), default=None)

    @property
    def required_steps(self):
        return [step for step in self.steps if not step.optional]

    def is_done(self, step):
        progress = self.progress.get(step.translation_key)
        return bool(progress and progress.completed_at)

    def blocking_step(self, step):
        """In a course taken in order, the first required step before this one that
        is not done yet."""
        if not self.course.steps_in_order:
            return None
        for earlier in self.steps:
            if earlier.pk == step.pk:
                return None
            if not earlier.optional and not self.is_done(earlier):
                return earlier
        return None

    def state(self, step):
        if self.is_done(step):
            return "done"
        if self.enrolment and self.blocking_step(step):
            return "locked"
        if step.translation_key in self.progress:
            return "started"
        return "todo"

    @property
    def percent(self):
        required = self.required_steps
        if not required:
            return 0
        return round(100 * sum(map(self.is_done, required)) / len(required))

    @property
    def next_step(self):
        """The first required step not done (not merely the last one visited)."""
        return next((s for s in self.required_steps if not self.is_done(s)), None)

    def rows(self):
        return [
            {"step": step, "state": self.state(step), "readable": self.can_read(step)}
            for step in self.steps
        ]


# Every step and course page a learner reads needs their state, and building its
# queries through the ORM cost more than running them (1.1 ms of CPU against 0.4 ms
# for these two, benchmarks/RESULTS.md): they are written in SQL, from the models'
# own table and column names, and still return model instances.


@cache
def active_enrolment_sql():
    enrolment, completion = Enrolment._meta, CourseCompletion._meta
    quote = connection.ops.quote_name
    return (
        f"SELECT e.*, EXISTS(SELECT 1 FROM {quote(completion.db_table)} c "
        f"WHERE c.{quote(completion.get_field('enrolment').column)} = e.id) "
        f"AS has_completions FROM {quote(enrolment.db_table)} e "
        f"WHERE e.{quote(enrolment.get_field('learner').column)} = %s "
        "AND e.course_key = %s AND e.status = %s"
    )


@cache
def step_progress_sql():
    progress = StepProgress._meta
    quote = connection.ops.quote_name
    return (
        f"SELECT * FROM {quote(progress.db_table)} "
        f"WHERE {quote(progress.get_field('enrolment').column)} = %s"
    )


def active_enrolment(user, course):
    """The user's active enrolment in the course, with `has_completions`, or None."""
    course_key = Enrolment._meta.get_field("course_key").get_db_prep_value(
        course.translation_key, connection
    )
    enrolments = Enrolment.objects.raw(
        active_enrolment_sql(), [user.pk, course_key, EnrolmentStatus.ACTIVE]
    )
    return next(iter(enrolments), None)


def prefetch_progress(enrolments):
    """Load the enrolments' step progress, and the completions of those that have
    some (`with_completion_flag()`): two queries at most, one for a learner who
    has completed nothing."""
    prefetch_related_objects(enrolments, "step_progress")
    prefetch_completions(enrolments)


def prefetch_completions(enrolments):
    """The completions of the enrolments that have some, in one query, joined to
    what apps above show with a completion (the certificate), which they name
    through the `completion_select_related` hook: progress imports none of them."""
    related = [
        name for hook in hooks.get_hooks("completion_select_related") for name in hook()
    ]
    prefetch_related_objects(
        [e for e in enrolments if e.has_completions],
        Prefetch(
            "completions",
            queryset=CourseCompletion.objects.select_related(*related),
        ),
    )


def course_state_for(request, course):
    """The requesting learner's state in a course, built once per request: the step
    hook and the page's template tags share it."""
    states = request.__dict__.setdefault("_course_states", {})
    if course.pk not in states:
        states[course.pk] = CourseState.for_user(course, request.user)
    return states[course.pk]
