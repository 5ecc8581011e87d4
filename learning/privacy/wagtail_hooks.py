from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from .admin_views import EraseView, may_erase


@hooks.register("register_admin_urls")
def register_erase_url():
    return [path("privacy/erase/<int:pk>/", EraseView.as_view(), name="privacy_erase")]


@hooks.register("register_user_listing_buttons")
def erase_button(user, request_user):
    if not may_erase(request_user) or user == request_user or user.erased_at:
        return []
    return [
        ListingButton(
            _("Erase personal data"),
            reverse("privacy_erase", args=[user.pk]),
            icon_name="warning",
            priority=90,
        )
    ]


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(
        "accounts.erase", _("Erase personal data"), _("Personal data erased")
    )
