from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    add_to_settings_menu = True
    list_display = ["acronym", "name", "parent"]
    list_filter = ["parent"]
    search_fields = ["acronym", "name"]
    form_fields = ["acronym", "name", "parent"]
    ordering = ["acronym"]


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("organisations")
