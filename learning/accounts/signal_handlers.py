from django.apps import apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate, dispatch_uid="accounts_roles_setup")
def set_up_roles(sender, app_config=None, **kwargs):
    # post_migrate fires once per app; wait for the last one so that every app's
    # permissions (created by other post_migrate handlers) exist.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is not last:
        return
    from .roles import ensure_roles

    ensure_roles()
