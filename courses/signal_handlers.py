from django.apps import apps
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import post_page_move

from .outlines import forget_outlines_around


@receiver(post_migrate, dispatch_uid="courses_authoring_setup")
def set_up_authoring(sender, app_config=None, **kwargs):
    # post_migrate fires once per app; wait for the last one so that every app's
    # permissions (created by other post_migrate handlers) exist.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is not last:
        return
    from .authoring import ensure_authoring_setup

    ensure_authoring_setup()


@receiver(post_save, dispatch_uid="courses_outline_on_save")
@receiver(post_delete, dispatch_uid="courses_outline_on_delete")
def forget_outline_of_changed_page(sender, instance, **kwargs):
    # Saving covers creating, publishing and unpublishing a page.
    if isinstance(instance, Page) and instance.path:
        forget_outlines_around(instance.path)


@receiver(post_page_move, dispatch_uid="courses_outline_on_move")
def forget_outlines_of_moved_page(sender, instance, **kwargs):
    # The step left one course and joined another (or moved within one).
    for parent in (kwargs["parent_page_before"], kwargs["parent_page_after"]):
        forget_outlines_around(parent.path)
    forget_outlines_around(instance.path)
