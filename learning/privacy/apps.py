from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """A learner's copy of their data, and its erasure. It sits above every app
    that holds learner records (DESIGN.md §3), as reports do, so that it may read
    and anonymise all of them without any of them importing upward."""

    name = "learning.privacy"
    label = "privacy"
    verbose_name = _("Privacy")
