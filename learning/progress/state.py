"""Where a learner stands in a course, read in two queries (two more once they have
completed it: their completions, then their certificates), whatever its length."""

from functools import cache, cached_property

from django.db import connection
from wagtail import hooks

from courses.models import ModulePage

from .models import CourseCompletion, Enrolment, EnrolmentStatus, StepProgress


class CourseState:
    """A learner's state in the enrolment's current cycle: after a re-certification
    the steps start afresh, and `completion` is the current cycle's (None until it is
    completed again); `previous_completion` is the latest earlier one."""

    def __init__(
        self,
        course,
        steps,
        enrolment,
        user=None,
        *,
        step_progress=None,
        completions=None,
    ):
        """`enrolment` comes with its step_progress and completions prefetched, or
        they are `step_progress` and `completions` (see load_completions)."""
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
            if completions is None:
                completions = self.enrolment.completions.all()
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
        if enrolment is None:
            return cls(course, course.step_list, None, user)
        return cls(
            course,
            course.step_list,
            enrolment,
            user,
            step_progress=load_step_progress([enrolment])[enrolment.pk],
            completions=load_completions([enrolment])[enrolment.pk],
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
# for the enrolment and its progress, 2.2 ms against 0.5 ms for the completions with
# their certificates, benchmarks/RESULTS.md): they are written in SQL, from the
# models' own table and column names, and still return model instances.


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
def rows_of_sql(model, field_name, count):
    """The rows of `model` whose `field_name` is one of `count` values."""
    quote = connection.ops.quote_name
    table, column = model._meta.db_table, model._meta.get_field(field_name).column
    values = ", ".join(["%s"] * count)
    return f"SELECT * FROM {quote(table)} WHERE {quote(column)} IN ({values})"


def active_enrolment(user, course):
    """The user's active enrolment in the course, with `has_completions`, or None."""
    course_key = Enrolment._meta.get_field("course_key").get_db_prep_value(
        course.translation_key, connection
    )
    enrolments = Enrolment.objects.raw(
        active_enrolment_sql(), [user.pk, course_key, EnrolmentStatus.ACTIVE]
    )
    return next(iter(enrolments), None)


def load_step_progress(enrolments):
    """{enrolment pk: its step progress rows, of every cycle}, in one query."""
    found = {enrolment.pk: [] for enrolment in enrolments}
    if found:
        sql = rows_of_sql(StepProgress, "enrolment", len(found))
        for progress in StepProgress.objects.raw(sql, list(found)):
            found[progress.enrolment_id].append(progress)
    return found


RELATED_HOOK = "load_with_completions"


def load_completions(enrolments):
    """{enrolment pk: its completions}, each with its enrolment: one query for the
    enrolments flagged `has_completions` (the others have none), and one for each
    thing apps above show with a completion. They name it, as a reverse one-to-one
    relation of the completion (the certificate), through the
    `load_with_completions` hook: progress imports none of them."""
    found = {enrolment.pk: [] for enrolment in enrolments}
    asked = {e.pk: e for e in enrolments if getattr(e, "has_completions", True)}
    if not asked:
        return found
    completions = list(
        CourseCompletion.objects.raw(
            rows_of_sql(CourseCompletion, "enrolment", len(asked)), list(asked)
        )
    )
    to_enrolment = CourseCompletion._meta.get_field("enrolment")
    for completion in completions:
        to_enrolment.set_cached_value(completion, asked[completion.enrolment_id])
        found[completion.enrolment_id].append(completion)
    for name in (n for hook in hooks.get_hooks(RELATED_HOOK) for n in hook()):
        attach_one_to_one(completions, CourseCompletion._meta.get_field(name))
    return found


def attach_one_to_one(instances, relation):
    """Load a reverse one-to-one `relation` of these instances in one query, and
    keep each on its instance as `select_related` would (absent ones too)."""
    by_pk = {instance.pk: instance for instance in instances}
    for instance in instances:
        relation.set_cached_value(instance, None)
    if not by_pk:
        return
    model, field = relation.related_model, relation.field
    sql = rows_of_sql(model, field.name, len(by_pk))
    for related in model.objects.raw(sql, list(by_pk)):
        instance = by_pk[getattr(related, field.attname)]
        relation.set_cached_value(instance, related)
        field.set_cached_value(related, instance)


def course_state_for(request, course):
    """The requesting learner's state in a course, built once per request: the step
    hook and the page's template tags share it."""
    states = request.__dict__.setdefault("_course_states", {})
    if course.pk not in states:
        states[course.pk] = CourseState.for_user(course, request.user)
    return states[course.pk]
