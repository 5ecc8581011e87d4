"""Weekly reports in the admin: the user's own subscriptions to the completion
report of a course and/or an organisation, a form to add one and a button to
remove one. Only people who may see the completion report get here; the
organisations offered (and accepted) are those in their scope."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.models import CoursePage
from learning.accounts.models import Organisation
from learning.fields import IdChoiceField

from .models import ReportSubscription
from .scope import may_view_completion_report, organisations_in_report_scope
from .subscriptions import (
    SubscriptionRefused,
    courses_to_subscribe_to,
    report_params,
    report_path,
    subject_label,
    subscribe,
    unsubscribe,
)

OUT_OF_SCOPE = gettext_lazy(
    "You may only subscribe to reports on the organisations you look after."
)


class SubscriptionForm(forms.Form):
    course = IdChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.none(),
        required=False,
        empty_label=gettext_lazy("Every course"),
        error_messages={"invalid_choice": gettext_lazy("Choose a published course.")},
    )
    organisation = IdChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("Every organisation you report on"),
        help_text=gettext_lazy("With the organisations below it."),
        error_messages={"invalid_choice": OUT_OF_SCOPE},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_to_subscribe_to().order_by("title")
        self.fields["organisation"].queryset = organisations_in_report_scope(
            user
        ).order_by("acronym")

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("course") or data.get("organisation")):
            raise forms.ValidationError(
                _("Choose a course, an organisation or both."), code="no_subject"
            )
        return data


class ReportViewerRequired:
    def dispatch(self, request, *args, **kwargs):
        if not may_view_completion_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class SubscriptionsView(ReportViewerRequired, WagtailAdminTemplateMixin, FormView):
    template_name = "reports/admin/subscriptions/index.html"
    form_class = SubscriptionForm
    page_title = gettext_lazy("Weekly reports")
    header_icon = "mail"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        subscriptions = ReportSubscription.objects.filter(
            user=self.request.user
        ).select_related("course", "organisation")
        context["subscriptions"] = [
            {
                "object": subscription,
                "label": subject_label(subscription),
                "report_url": report_link(subscription),
            }
            for subscription in subscriptions
        ]
        return context

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was added: see the errors below."))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            subscription, created = subscribe(
                self.request.user,
                course=form.cleaned_data["course"],
                organisation=form.cleaned_data["organisation"],
                now=timezone.now(),
            )
        except SubscriptionRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        label = subject_label(subscription)
        if created:
            messages.success(
                self.request,
                _(
                    "You will receive the weekly report on %(subject)s by email; "
                    "the first one within the hour."
                )
                % {"subject": label},
            )
        else:
            messages.warning(
                self.request,
                _("You already receive the weekly report on %(subject)s.")
                % {"subject": label},
            )
        return redirect("learning_reports:subscriptions")


def report_link(subscription):
    params = report_params(subscription)
    return None if params is None else report_path(params)


class RemoveSubscriptionView(ReportViewerRequired, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        subscription = get_object_or_404(
            ReportSubscription.objects.select_related("course", "organisation"),
            pk=pk,
            user=request.user,
        )
        label = subject_label(subscription)
        unsubscribe(subscription)
        messages.success(
            request,
            _("You will no longer receive the weekly report on %(subject)s.")
            % {"subject": label},
        )
        return redirect("learning_reports:subscriptions")


urlpatterns = [
    path("subscriptions/", SubscriptionsView.as_view(), name="subscriptions"),
    path(
        "subscriptions/<int:pk>/remove/",
        RemoveSubscriptionView.as_view(),
        name="subscription_remove",
    ),
]


class WeeklyReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_view_completion_report(request.user)


def menu_item():
    return WeeklyReportsMenuItem(
        gettext_lazy("Weekly reports"),
        reverse("learning_reports:subscriptions"),
        icon_name="mail",
        order=40,
    )
