"""Wagtail's user admin, extended with the name printed on certificates, the
person's organisation and, for administrators only, the organisations a focal point
looks after."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

from learning.admin_listing import RefuseInvalidFiltersMixin

from .models import Organisation

EXTRA_FIELDS = ["full_name", "organisation", "focal_organisations"]


class OrganisationFieldsMixin:
    """`for_user` is the administrator filling in the form: only a superuser appoints
    focal points."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("acronym")
        if for_user is None or not for_user.is_superuser:
            del self.fields["focal_organisations"]
        else:
            self.fields["focal_organisations"].widget = forms.CheckboxSelectMultiple()
            self.fields["focal_organisations"].queryset = Organisation.objects.order_by(
                "acronym"
            )


class LearningUserCreationForm(OrganisationFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = set(UserCreationForm.Meta.fields) | set(EXTRA_FIELDS)


class LearningUserEditForm(OrganisationFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = set(UserEditForm.Meta.fields) | set(EXTRA_FIELDS)


class FormForUserMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


class CreateView(FormForUserMixin, users.CreateView):
    pass


class EditView(FormForUserMixin, users.EditView):
    pass


class IndexView(RefuseInvalidFiltersMixin, users.IndexView):
    pass


class UserViewSet(users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    create_template_name = "accounts/admin/user_create.html"
    edit_template_name = "accounts/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return LearningUserEditForm if for_update else LearningUserCreationForm
