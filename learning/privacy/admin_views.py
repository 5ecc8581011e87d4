"""The administrator's erasure of a learner: a confirmation page, then a POST."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learning.accounts.models import User

from .erasure import erase_learner

USERS_INDEX = "wagtailusers_users:index"


def may_erase(user):
    """Administrators only: the erasure cannot be undone."""
    return user.is_active and user.is_superuser


class EraseView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Erase personal data")
    header_icon = "warning"
    template_name = "privacy/admin/erase.html"

    def dispatch(self, request, pk):
        if not may_erase(request.user):
            raise PermissionDenied
        self.person = get_object_or_404(User, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.person)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse(USERS_INDEX), "label": _("Users")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person,
            is_self=self.person == self.request.user,
            action_url=reverse("privacy_erase", args=[self.person.pk]),
            **kwargs,
        )

    def post(self, request, pk):
        if self.person == request.user:
            messages.error(request, _("You cannot erase your own account."))
            return self.render_to_response(self.get_context_data(), status=400)
        if self.person.erased_at is not None:
            messages.info(request, _("This account was erased already."))
            return redirect(USERS_INDEX)
        erase_learner(self.person, by=request.user, now=timezone.now())
        messages.success(
            request,
            _("The learner's personal data was erased (account %(id)s).")
            % {"id": self.person.pk},
        )
        return redirect(USERS_INDEX)
