from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from courses.authoring import AUTHORS, EDITORS

QUESTION_PERMISSIONS = {
    AUTHORS: ["add_question", "change_question"],
    EDITORS: ["add_question", "change_question", "delete_question"],
}


@receiver(post_migrate, dispatch_uid="assessments_question_bank_permissions")
def grant_question_bank_permissions(sender, app_config=None, **kwargs):
    # Wait for the last app, as courses does, so that every permission exists.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is not last:
        return
    for name, codenames in QUESTION_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="assessments", codename__in=codenames
            )
        )
