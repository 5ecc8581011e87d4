import pytest
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, ModulePage
from tests.factories import catalogue, make_course, make_module

pytestmark = pytest.mark.django_db


def test_migrate_leaves_a_catalogue_as_the_site_root():
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is CourseIndexPage


def test_courses_live_only_in_the_catalogue_and_modules_only_in_courses():
    root = Page.get_first_root_node()
    course = make_course()

    assert CoursePage.can_create_at(catalogue())
    assert not CoursePage.can_create_at(root)
    assert not CoursePage.can_create_at(course)
    assert ModulePage.can_create_at(course)
    assert not ModulePage.can_create_at(catalogue())
    assert not ModulePage.can_create_at(make_module(course))
    assert not CourseIndexPage.can_create_at(root)  # only one catalogue


def test_a_course_keeps_its_topics_case_insensitively():
    course = make_course(topics=["ICT strategy", "Procurement"])
    other = make_course(title="Other", topics=["ict strategy"])

    assert sorted(course.tags.names()) == ["ICT strategy", "Procurement"]
    assert list(other.tags.names()) == ["ICT strategy"]
    assert list(catalogue().topics().values_list("name", flat=True)) == [
        "ICT strategy",
        "Procurement",
    ]


def test_a_course_lists_its_live_steps_in_authored_order():
    course = make_course(modules=3)
    draft = ModulePage(title="Draft module", body=[], live=False)
    course.add_child(instance=draft)
    draft.save_revision()  # never published

    first = course.steps()[0]
    first.move(course, pos="last-child")

    titles = [step.title for step in CoursePage.objects.get(pk=course.pk).steps()]
    assert titles == [
        "Data governance: module 2",
        "Data governance: module 3",
        "Data governance: module 1",
    ]
