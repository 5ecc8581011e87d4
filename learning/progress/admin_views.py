"""Enrolments in the Wagtail admin: administrators and focal points enrol people,
change due dates, remove enrolments and record completions earned elsewhere.

Everything is scoped: superusers see every enrolment; anyone else only those of
learners whose organisation they look after (`Organisation.objects.managed_by`).
An enrolment out of scope is a 404, whatever the URL.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
)
from wagtail.admin.views.generic.base import BaseObjectMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.datetime import AdminDateTimeInput
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from courses.models import CoursePage
from learning.accounts.models import Organisation
from learning.accounts.services import create_invited_user, invite
from learning.admin_listing import ListedExportsOnlyMixin, RefuseInvalidFiltersMixin
from learning.fields import IdChoiceField, IdChoiceFilter

from .dashboard import steps_by_course
from .models import Enrolment, EnrolmentSource, EnrolmentStatus
from .services import (
    admin_enrol,
    change_due_date,
    mark_course_complete,
    mark_step_complete,
    remove_enrolment,
)
from .state import CourseState

REASON_HELP = gettext_lazy(
    "Kept in the enrolment's history, e.g. “completed the same training at UNDP "
    "in 2025”."
)


def row_action(label, url_name, pk, icon, priority):
    """An entry of a listing row's "More" menu, leading to `url_name` for the row."""
    return MenuItem(
        label, url=reverse(url_name, args=[pk]), icon_name=icon, priority=priority
    )


def managed_organisation_ids(user):
    """The ids of the organisations a (non-superuser) user looks after, worked out
    once per request (the user object lives as long as the request)."""
    if not hasattr(user, "_managed_organisation_ids"):
        user._managed_organisation_ids = list(
            Organisation.objects.managed_by(user).values_list("pk", flat=True)
        )
    return user._managed_organisation_ids


def enrolments_in_scope(user):
    """The enrolments the user may see and change in the admin."""
    enrolments = Enrolment.objects.all()
    if user.is_superuser:
        return enrolments
    return enrolments.filter(learner__organisation__in=managed_organisation_ids(user))


def learner_in_scope(user, learner):
    if user.is_superuser:
        return True
    return learner.organisation_id in managed_organisation_ids(user)


class EnrolmentPermissionPolicy(ModelPermissionPolicy):
    """Enrolments are records: they are removed (with a reason), never deleted."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            enrolments_in_scope(user).filter(pk=instance.pk).exists()
        )


def scoped_enrolments(view):
    return enrolments_in_scope(view.request.user).select_related("learner", "course")


class InScopeMixin:
    """Views of one enrolment find it among those the user may see (Wagtail's
    object views load it through `get_base_object_queryset`)."""

    def get_base_object_queryset(self):
        return scoped_enrolments(self)


class InScopeSingleObjectMixin:
    """The same for views built on Django's SingleObjectMixin (edit, delete)."""

    def get_queryset(self):
        return scoped_enrolments(self)


# Listing


class CourseChoiceFilter(IdChoiceFilter):
    """A course and every translation of it (enrolments are keyed on the
    translation key)."""

    def filter(self, queryset, value):
        if value:
            return queryset.filter(course_key=value.translation_key)
        return queryset


class OrganisationChoiceFilter(IdChoiceFilter):
    """An organisation and the organisations below it."""

    def filter(self, queryset, value):
        if value:
            organisations = Organisation.objects.filter(pk=value.pk).with_descendants()
            return queryset.filter(learner__organisation__in=organisations)
        return queryset


def courses_for_filter(request):
    return CoursePage.objects.filter(locale=Locale.get_default()).order_by("title")


def organisations_for_filter(request):
    if request is None:
        return Organisation.objects.none()
    if request.user.is_superuser:
        return Organisation.objects.order_by("acronym")
    return Organisation.objects.filter(
        pk__in=managed_organisation_ids(request.user)
    ).order_by("acronym")


class EnrolmentFilterSet(WagtailFilterSet):
    course = CourseChoiceFilter(
        label=gettext_lazy("Course"), queryset=courses_for_filter
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=EnrolmentStatus.choices
    )
    organisation = OrganisationChoiceFilter(
        label=gettext_lazy("Organisation"),
        queryset=organisations_for_filter,
        help_text=gettext_lazy("With the organisations below it."),
    )
    source = django_filters.ChoiceFilter(
        label=gettext_lazy("Source"), choices=EnrolmentSource.choices
    )
    overdue = django_filters.BooleanFilter(
        label=gettext_lazy("Overdue"),
        method="filter_overdue",
        widget=forms.Select(
            choices=[
                ("", gettext_lazy("All")),
                ("true", gettext_lazy("Overdue")),
                ("false", gettext_lazy("Not overdue")),
            ]
        ),
    )

    class Meta:
        model = Enrolment
        fields = []

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Enrolment.objects.overdue(timezone.now()).values("pk")
        if value:
            return queryset.filter(pk__in=overdue)
        return queryset.exclude(pk__in=overdue)


def progress_label(enrolment):
    if enrolment.progress_percent is None:
        return "–"
    return f"{enrolment.progress_percent}%"


def due_label(enrolment):
    if enrolment.due_at is None:
        return "–"
    due = timezone.localtime(enrolment.due_at).strftime("%Y-%m-%d %H:%M")
    if enrolment.is_overdue:
        return _("%(date)s (overdue)") % {"date": due}
    return due


class EnrolmentIndexView(ListedExportsOnlyMixin, RefuseInvalidFiltersMixin, IndexView):
    default_ordering = "-enrolled_at"
    add_item_label = gettext_lazy("Enrol a person")

    def get_base_queryset(self):
        return (
            enrolments_in_scope(self.request.user)
            .select_related("learner__organisation", "course")
            .annotate(
                is_overdue=Exists(
                    Enrolment.objects.overdue(timezone.now()).filter(pk=OuterRef("pk"))
                )
            )
        )

    @cached_property
    def columns(self):
        return [
            self._get_title_column_class(TitleColumn)(
                "learner",
                label=_("Learner"),
                accessor=lambda e: e.learner.display_name,
                sort_key="learner__full_name",
                get_url=lambda e: self.get_edit_url(e),
            ),
            Column("email", label=_("Email"), accessor="learner.email"),
            Column(
                "organisation",
                label=_("Organisation"),
                accessor=lambda e: (
                    e.learner.organisation.acronym if e.learner.organisation else "–"
                ),
            ),
            Column("course", label=_("Course"), accessor=lambda e: e.course or "–"),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("source", label=_("Source"), accessor="get_source_display"),
            DateColumn("enrolled_at", label=_("Enrolled"), sort_key="enrolled_at"),
            Column("due_at", label=_("Due"), accessor=due_label, sort_key="due_at"),
            Column("progress", label=_("Progress"), accessor=progress_label),
        ]

    def get_table(self, object_list):
        enrolments = list(object_list)
        add_progress(enrolments)
        return super().get_table(enrolments)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if (
            self.user_has_permission("change")
            and instance.status == EnrolmentStatus.ACTIVE
        ):
            buttons.append(
                row_action(
                    _("Mark complete"),
                    "enrolments:mark_complete",
                    instance.pk,
                    "tick",
                    40,
                )
            )
            buttons.append(
                row_action(_("Remove"), "enrolments:remove", instance.pk, "cross", 50)
            )
        buttons.append(
            row_action(_("History"), "enrolments:history", instance.pk, "history", 60)
        )
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("add"):
            try:
                url = reverse("progress_imports:upload")
            except NoReverseMatch:  # the import screen is not installed
                return buttons
            buttons.append(
                HeaderButton(_("Import enrolments"), url, icon_name="upload")
            )
        return buttons


def add_progress(enrolments):
    """Set `progress_percent` on each enrolment in a fixed number of queries: the
    courses' steps, the steps done and the completions."""
    from .models import CourseCompletion, StepProgress

    courses = {e.course.pk: e.course for e in enrolments if e.course}
    steps = steps_by_course(list(courses.values()))
    done = {}
    # The enrolment's current cycle only (re-certification starts afresh).
    for enrolment_id, step_key in StepProgress.objects.filter(
        enrolment__in=enrolments,
        cycle=F("enrolment__cycle"),
        completed_at__isnull=False,
    ).values_list("enrolment_id", "step_key"):
        done.setdefault(enrolment_id, set()).add(step_key)
    completed = set(
        CourseCompletion.objects.filter(
            enrolment__in=enrolments, cycle=F("enrolment__cycle")
        ).values_list("enrolment_id", flat=True)
    )
    for enrolment in enrolments:
        if enrolment.pk in completed:
            enrolment.progress_percent = 100
            continue
        if enrolment.course is None:
            enrolment.progress_percent = None
            continue
        required = [
            s.translation_key
            for s in steps.get(enrolment.course.pk, [])
            if not s.optional
        ]
        finished = done.get(enrolment.pk, set())
        enrolment.progress_percent = (
            round(100 * sum(key in finished for key in required) / len(required))
            if required
            else 0
        )


# Enrol a person


class EnrolPersonForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email"))
    course = IdChoiceField(
        label=gettext_lazy("Course"),
        queryset=CoursePage.objects.none(),
        empty_label=gettext_lazy("Choose a course"),
    )
    due_at = forms.DateTimeField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=gettext_lazy("Optional: the learner is reminded before and after."),
    )
    full_name = forms.CharField(
        label=gettext_lazy("Full name"),
        required=False,
        max_length=150,
        help_text=gettext_lazy(
            "For someone without an account yet: as printed on certificates."
        ),
    )
    organisation = IdChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("Required for someone without an account yet."),
    )

    def __init__(self, *args, for_user, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.fields["course"].queryset = (
            CoursePage.objects.live()
            .filter(locale=Locale.get_default())
            .order_by("title")
        )
        self.fields["organisation"].queryset = Organisation.objects.managed_by(
            for_user
        ).order_by("acronym")

    def clean_due_at(self):
        due_at = self.cleaned_data["due_at"]
        if due_at and due_at <= timezone.now():
            raise ValidationError(_("The due date must be in the future."))
        return due_at

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if not email:
            return cleaned
        learner = get_user_model().objects.filter(email__iexact=email).first()
        if learner is not None:
            if not learner_in_scope(self.for_user, learner):
                raise ValidationError(
                    _(
                        "%(email)s belongs to an organisation you do not look after: "
                        "you cannot enrol them."
                    )
                    % {"email": email},
                    code="out_of_scope",
                )
        elif not cleaned.get("organisation") and "organisation" not in self.errors:
            self.add_error(
                "organisation",
                _("Nobody has this email address yet: choose their organisation."),
            )
        cleaned["learner"] = learner
        return cleaned


def create_and_invite(email, *, full_name, organisation, by, now):
    """A new account for someone enrolled by email, invited to set a password."""
    user = create_invited_user(email, full_name=full_name, organisation=organisation)
    invite(user, invited_by=by, now=now)
    return user


class EnrolPersonView(CreateView):
    page_title = gettext_lazy("Enrol a person")
    submit_button_label = gettext_lazy("Enrol")
    submit_button_active_label = gettext_lazy("Enrolling…")

    def get_form_class(self):
        return EnrolPersonForm

    def get_form_kwargs(self):
        kwargs = {"for_user": self.request.user, "initial": self.get_initial()}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        return kwargs

    def get_page_subtitle(self):
        return None

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("enrolments:index"), "label": _("Enrolments")},
            {"url": "", "label": self.page_title},
        ]

    def form_valid(self, form):
        self.form = form
        data = form.cleaned_data
        now = timezone.now()
        with transaction.atomic():
            learner = data["learner"]
            invited = learner is None
            if invited:
                learner = create_and_invite(
                    data["email"],
                    full_name=data["full_name"],
                    organisation=data["organisation"],
                    by=self.request.user,
                    now=now,
                )
            self.object, created = admin_enrol(
                learner,
                data["course"],
                by=self.request.user,
                now=now,
                due_at=data["due_at"],
            )
        values = {"learner": learner.display_name, "course": data["course"].title}
        if not created:
            message = _("%(learner)s is already enrolled in %(course)s.") % values
            if data["due_at"]:
                message += " " + _("Their due date has been updated.")
            messages.warning(self.request, message)
        elif invited:
            messages.success(
                self.request,
                _(
                    "%(learner)s has been enrolled in %(course)s and invited to "
                    "set up their account."
                )
                % {**values, "learner": learner.email},
            )
        else:
            messages.success(
                self.request, _("%(learner)s has been enrolled in %(course)s.") % values
            )
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


# Edit: the due date


class DueDateForm(WagtailAdminModelForm):
    class Meta:
        model = Enrolment
        fields = ["due_at"]
        widgets = {"due_at": AdminDateTimeInput}
        labels = {"due_at": gettext_lazy("Due date")}
        help_texts = {
            "due_at": gettext_lazy(
                "Changing it resets the reminders, so that they follow the new date. "
                "Leave empty for no due date."
            )
        }


class EnrolmentEditView(InScopeSingleObjectMixin, EditView):
    def get_page_subtitle(self):
        return str(self.object)

    def save_instance(self):
        return change_due_date(
            self.object,
            self.form.cleaned_data["due_at"],
            by=self.request.user,
            now=timezone.now(),
        )

    def get_success_message(self):
        return _("Due date saved for %(enrolment)s.") % {"enrolment": self.object}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class EnrolmentDeleteView(InScopeSingleObjectMixin, DeleteView):
    """Never allowed (the policy refuses "delete"); out-of-scope ids are a 404."""


class EnrolmentHistoryView(InScopeMixin, HistoryView):
    pass


class EnrolmentUsageView(InScopeMixin, UsageView):
    pass


# Remove and mark complete: forms about one enrolment


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Give a reason."))
        return reason


class MarkCompleteForm(ReasonForm):
    COURSE = "course"

    target = forms.ChoiceField(
        label=gettext_lazy("Mark as complete"), widget=forms.RadioSelect
    )
    field_order = ["target", "reason"]

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = {str(step.pk): step for step in steps}
        self.fields["target"].choices = [
            (self.COURSE, _("The whole course")),
            *((pk, step.title) for pk, step in self.steps.items()),
        ]
        self.fields["target"].error_messages["invalid_choice"] = _(
            "That step is not part of this course."
        )

    @property
    def step(self):
        return self.steps.get(self.cleaned_data["target"])


class EnrolmentFormView(InScopeMixin, BaseObjectMixin, CreateView):
    """A form about one enrolment (in scope, for someone who may change
    enrolments), shown on Wagtail's generic form page."""

    permission_required = "change"
    form_class = ReasonForm
    url_name = None
    error_message = gettext_lazy("Nothing was changed: see the errors below.")

    def get_form_class(self):
        return self.form_class

    def get(self, request, *args, **kwargs):
        # Not CreateView's get(), which would forget the enrolment.
        return self.render_to_response(self.get_context_data())

    def get_form_kwargs(self):
        kwargs = {"initial": self.get_initial()}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        return kwargs

    def get_page_subtitle(self):
        return str(self.object)

    def get_add_url(self):
        return reverse(self.url_name, args=[self.object.pk])

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("enrolments:index"), "label": _("Enrolments")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self):
        return reverse("enrolments:index")

    def form_invalid(self, form):
        # Also reached from form_valid when the enrolment refuses the change (the
        # reason is then in a message of its own).
        if not hasattr(self, "produced_error_message"):
            self.produced_error_message = None
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class RemoveEnrolmentView(EnrolmentFormView):
    page_title = gettext_lazy("Remove enrolment")
    template_name = "progress/admin/remove_enrolment.html"
    submit_button_label = gettext_lazy("Remove from the course")
    submit_button_active_label = gettext_lazy("Removing…")
    url_name = "enrolments:remove"

    def form_valid(self, form):
        if self.object.status != EnrolmentStatus.ACTIVE:
            messages.error(
                self.request,
                _("This enrolment is no longer active: there is nothing to remove."),
            )
            return self.form_invalid(form)
        remove_enrolment(
            self.object,
            by=self.request.user,
            now=timezone.now(),
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            self.request,
            _("%(enrolment)s removed. Its history and progress are kept.")
            % {"enrolment": self.object},
        )
        return redirect(self.get_success_url())


class MarkCompleteView(EnrolmentFormView):
    page_title = gettext_lazy("Mark complete")
    template_name = "progress/admin/mark_complete.html"
    submit_button_label = gettext_lazy("Mark complete")
    submit_button_active_label = gettext_lazy("Saving…")
    url_name = "enrolments:mark_complete"
    form_class = MarkCompleteForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.object.course is None:
            raise Http404(_("This enrolment's course no longer exists."))
        enrolment = (
            Enrolment.objects.prefetch_related("step_progress", "completions")
            .select_related("course", "learner")
            .get(pk=self.object.pk)
        )
        self.state = CourseState(
            enrolment.course, enrolment.course.step_list, enrolment
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["steps"] = [s for s in self.state.steps if not self.state.is_done(s)]
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["state"] = self.state
        context["rows"] = self.state.rows()
        return context

    def form_valid(self, form):
        if self.object.status != EnrolmentStatus.ACTIVE:
            messages.error(
                self.request,
                _("This enrolment is no longer active: it cannot be completed."),
            )
            return self.form_invalid(form)
        if self.state.completion:
            messages.error(
                self.request, _("This course is already complete for this learner.")
            )
            return self.form_invalid(form)
        kwargs = {
            "by": self.request.user,
            "reason": form.cleaned_data["reason"],
            "now": timezone.now(),
        }
        if step := form.step:
            completion = mark_step_complete(self.object, step, **kwargs)
            message = _("“%(step)s” marked complete.") % {"step": step.title}
            if completion:
                message += " " + _("That completes the course.")
        else:
            mark_course_complete(self.object, **kwargs)
            message = _("%(course)s marked complete for %(learner)s.") % {
                "course": self.object.course.title,
                "learner": self.object.learner.display_name,
            }
        messages.success(self.request, message)
        return redirect(reverse(self.url_name, args=[self.object.pk]))
