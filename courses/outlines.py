"""Course outlines (each course's live steps, as specific pages) kept in the cache.

Every learner page shows the outline, and loading it costs three queries (the
children, then one per step type). It changes only when a page in the course is
saved, published, unpublished, moved or deleted, and each of those drops it (see
signal_handlers.py). Keys use the course's tree path, which a step's own path
starts with, so a change to a step finds its course without a query.
"""

from django.core.cache import cache
from wagtail.models import Page

OUTLINE_SECONDS = 24 * 3600


def outline_key(course_path):
    return f"courses:outline:{course_path}"


def cached_steps(course):
    key = outline_key(course.path)
    steps = cache.get(key)
    if steps is None:
        steps = list(course.steps())
        cache.set(key, steps, OUTLINE_SECONDS)
    return steps


def cached_steps_of(courses):
    """The outlines of several courses: {course pk: steps}, the missing ones loaded
    in one query for all (then one per step type)."""
    keys = {outline_key(course.path): course for course in courses}
    found = cache.get_many(keys)
    steps = {keys[key].pk: value for key, value in found.items()}
    missing = [course for key, course in keys.items() if key not in found]
    if missing:
        loaded = load_steps(missing)
        cache.set_many(
            {outline_key(course.path): loaded.get(course.pk, []) for course in missing},
            OUTLINE_SECONDS,
        )
        steps.update({course.pk: loaded.get(course.pk, []) for course in missing})
    return steps


def load_steps(courses):
    course_by_path = {course.path: course.pk for course in courses}
    query = Page.objects.none()
    for course in courses:
        query |= Page.objects.child_of(course)
    steps = {}
    for step in query.live().specific().order_by("path"):
        course_pk = course_by_path[step.path[: -Page.steplen]]
        steps.setdefault(course_pk, []).append(step)
    return steps


def forget_outlines_around(path):
    """Drop the outline of the page at `path` (if it is a course) and of its
    parent (if the page is a step)."""
    keys = [outline_key(path)]
    if len(path) > Page.steplen:
        keys.append(outline_key(path[: -Page.steplen]))
    cache.delete_many(keys)
