from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def set_up_certificate_templates(sender, app_config=None, **kwargs):
    # After the last app (the authoring groups and every permission exist): the
    # default template, and the authoring groups' rights on templates.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if app_config is not last:
        return
    from .rendering import set_up_templates

    set_up_templates()


class CertificatesConfig(AppConfig):
    name = "learning.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from . import signal_handlers  # noqa: F401

        post_migrate.connect(
            set_up_certificate_templates, dispatch_uid="certificates_templates_setup"
        )
