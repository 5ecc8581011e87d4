"""Builders for test data: users and course trees."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from courses.models import CourseIndexPage, CoursePage, ModulePage

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if names:
            self.groups.add(*Group.objects.filter(name__in=names))
        self.save()


def fresh(instance):
    """A new copy of a row from the database: tests given a module fixture's row
    (DESIGN.md §8) get their own, so that what one test changes or caches on it (a
    revoke, a publish, a login's last_login) never reaches the next test."""
    return type(instance)._default_manager.get(pk=instance.pk)


def catalogue():
    """The catalogue in the default language."""
    return CourseIndexPage.objects.get(locale=Locale.get_default())


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def lesson(*paragraphs):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


def make_course(title="Data governance", topics=(), modules=0, parent=None, **fields):
    parent = parent or catalogue()
    fields.setdefault("summary", f"A short course about {title.lower()}.")
    course = CoursePage(title=title, **fields)
    course.tags.add(*topics)
    parent.add_child(instance=course)
    publish(course)
    for number in range(1, modules + 1):
        make_module(course, title=f"{title}: module {number}")
    return course


def make_module(course, title="A module", body=None, **fields):
    module = ModulePage(
        title=title,
        body=body or lesson(f"What {title} is about."),
        **fields,
    )
    course.add_child(instance=module)
    return publish(module)


def make_image(title="Illustration", size=(1600, 900)):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PILImage.new("RGB", size, (0, 158, 219)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower()}.png")
    )
