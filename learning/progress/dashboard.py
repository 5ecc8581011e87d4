"""What the learner's dashboard shows, in a fixed number of queries."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from courses.models import CoursePage
from courses.outlines import cached_steps_of

from .models import Enrolment
from .state import CourseState, load_completions, load_step_progress


def dashboard_context(learner, *, now=None):
    now = now or timezone.now()
    within = timedelta(days=settings.ASSIGNMENT_REMINDER_DAYS_BEFORE)
    enrolments = [
        enrolment
        for enrolment in Enrolment.objects.active()
        .filter(learner=learner)
        .with_completion_flag()
        .select_related("course")
        .order_by("due_at", "-enrolled_at")
        if enrolment.course
    ]
    for enrolment in enrolments:
        # EnrolmentQuerySet.overdue() and due_soon()'s rule, on the rows at hand
        # rather than as two more subqueries for every row.
        pending = enrolment.due_at is not None and not enrolment.has_completions
        enrolment.is_overdue = pending and enrolment.due_at < now
        enrolment.is_due_soon = pending and now <= enrolment.due_at <= now + within
    progress = load_step_progress(enrolments)
    completions = load_completions(enrolments)
    courses = [enrolment.course for enrolment in enrolments]
    steps = steps_by_course(courses)
    states = [
        CourseState(
            e.course,
            steps.get(e.course.pk, []),
            e,
            step_progress=progress[e.pk],
            completions=completions[e.pk],
        )
        for e in enrolments
    ]
    current = [state for state in states if not state.completion]
    return {
        "assigned": [state for state in current if state.enrolment.due_at],
        "in_progress": [state for state in current if not state.enrolment.due_at],
        "completed": [state for state in states if state.completion],
        "recommended": recommended_courses(courses),
    }


def steps_by_course(courses):
    """The live steps of these courses, as specific pages, grouped by course."""
    return cached_steps_of(courses) if courses else {}


RECOMMENDED_SECONDS = 300


def recommended_courses(enrolled, limit=3):
    """Live courses sharing a topic with the learner's courses, not yet taken.
    Learners taking the same courses share the answer for a few minutes in each
    process (it costs two queries): a course published since shows up a little
    later."""
    pks = sorted(course.pk for course in enrolled)
    key = f"progress:recommended:{limit}:{','.join(map(str, pks))}"
    cache = caches["local"]
    courses = cache.get(key)
    if courses is None:
        topics = CoursePage.tags.through.objects.filter(content_object__in=pks).values(
            "tag"
        )
        courses = list(
            CoursePage.objects.live()
            .public()
            .filter(tags__in=topics)
            .exclude(pk__in=pks)
            .distinct()
            .order_by("title")[:limit]
        )
        cache.set(key, courses, RECOMMENDED_SECONDS)
    return courses
