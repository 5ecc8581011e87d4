"""Course outlines come from the cache, and every change to a course's pages is
seen at once: a new, renamed, unpublished, moved or deleted step."""

import pytest

from courses.outlines import cached_steps_of
from tests.factories import make_course, make_module

pytestmark = pytest.mark.django_db


def outline(course):
    course.refresh_from_db()
    fresh = type(course).objects.get(pk=course.pk)  # no per-object memo
    return [step.title for step in fresh.step_list]


def test_a_published_step_appears(client):
    course = make_course(modules=2)
    assert outline(course) == ["Data governance: module 1", "Data governance: module 2"]
    make_module(course, title="A third module")
    assert outline(course)[-1] == "A third module"
    assert "A third module" in client.get(course.url).content.decode()


def test_a_renamed_step_is_renamed_once_published_not_before():
    course = make_course(modules=1)
    step = course.step_list[0]
    outline(course)
    step.title = "Renamed in a draft"
    step.save_revision()  # a draft: learners still see the live title
    assert outline(course) == ["Data governance: module 1"]
    step.save_revision().publish()
    assert outline(course) == ["Renamed in a draft"]


def test_unpublished_and_deleted_steps_leave_the_outline():
    course = make_course(modules=3)
    first, second, _third = course.step_list
    outline(course)
    first.unpublish()
    assert outline(course) == ["Data governance: module 2", "Data governance: module 3"]
    second.delete()
    assert outline(course) == ["Data governance: module 3"]


def test_a_moved_step_leaves_one_course_and_joins_the_other():
    source = make_course("Source", modules=2)
    target = make_course("Target", modules=1)
    outline(source), outline(target)
    moving = source.step_list[1]
    moving.move(target, pos="last-child")
    assert outline(source) == ["Source: module 1"]
    assert outline(target) == ["Target: module 1", "Source: module 2"]


def test_several_outlines_load_together_and_are_then_cached(django_assert_num_queries):
    courses = [make_course(f"Course {n}", modules=2) for n in range(3)]
    with django_assert_num_queries(2):  # the children, then module pages
        first = cached_steps_of(courses)
    with django_assert_num_queries(0):
        again = cached_steps_of(courses)
    assert {pk: [s.pk for s in steps] for pk, steps in first.items()} == {
        pk: [s.pk for s in steps] for pk, steps in again.items()
    }
