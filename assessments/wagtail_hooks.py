from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from learning.admin_listing import ListedExportsOnlyIndexView, ValidatedSnippetIndexView

from .admin_views import (
    AttemptActionsColumn,
    AttemptRecordPolicy,
    item_statistics,
    override_attempt,
)
from .filters import QuestionFilterSet
from .forms import QuestionForm
from .models import Attempt, ExtraAttempts, ExtraTime, Question, QuizPage


class QuestionViewSet(SnippetViewSet):
    model = Question
    index_view_class = ValidatedSnippetIndexView
    icon = "help"
    menu_label = _("Question bank")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "question_type", "points"]
    filterset_class = QuestionFilterSet
    search_fields = ["title", "prompt"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("question_type"),
            FieldPanel("prompt"),
            FieldPanel("points"),
            MultiFieldPanel(
                [
                    InlinePanel("choices", label=_("Choice")),
                    FieldPanel("partial_credit"),
                ],
                heading=_("Single choice and multiple response"),
            ),
            FieldPanel("true_false_answer", heading=_("True or false")),
            MultiFieldPanel(
                [
                    FieldPanel("numeric_answer"),
                    FieldPanel("numeric_tolerance"),
                    FieldPanel("tolerance_is_percent"),
                ],
                heading=_("Numeric"),
            ),
            MultiFieldPanel(
                [FieldPanel("accepted_answers"), FieldPanel("ignore_accents")],
                heading=_("Short text"),
            ),
            FieldPanel("general_feedback"),
            FieldPanel("tags"),
        ],
        base_form_class=QuestionForm,
    )


register_snippet(QuestionViewSet)


class ExtraAttemptsViewSet(ModelViewSet):
    """Administrators grant a learner more attempts at one quiz (audit-logged)."""

    index_view_class = ListedExportsOnlyIndexView
    model = ExtraAttempts
    icon = "plus"
    list_display = ["learner", "quiz", "attempts", "created_at"]
    search_fields = ["learner__email", "learner__full_name", "quiz__title"]
    form_fields = ["learner", "quiz", "attempts", "reason"]


class ExtraTimeViewSet(ModelViewSet):
    """An accommodation: extra time on every timed attempt of a learner."""

    index_view_class = ListedExportsOnlyIndexView
    model = ExtraTime
    icon = "time"
    list_display = ["learner", "percent", "created_at"]
    search_fields = ["learner__email", "learner__full_name"]
    form_fields = ["learner", "percent", "reason"]


register_permission_policy(Attempt, AttemptRecordPolicy(Attempt))


class AttemptViewSet(ModelViewSet):
    """Every attempt, for administrators to reopen or reset."""

    index_view_class = ListedExportsOnlyIndexView
    model = Attempt
    icon = "tasks"
    menu_label = _("Attempts")
    list_display = [
        "learner",
        "quiz",
        "number",
        "status",
        "score",
        "started_at",
        AttemptActionsColumn("actions", label=_("Override")),
    ]
    list_filter = ["status", "quiz"]
    search_fields = ["learner__email", "learner__full_name"]
    form_fields = []
    inspect_view_enabled = False


class QuizOverridesGroup(ViewSetGroup):
    menu_label = _("Quiz overrides")
    menu_icon = "lock-open"
    menu_order = 260
    items = (
        AttemptViewSet("quiz_attempts"),
        ExtraAttemptsViewSet("extra_attempts"),
        ExtraTimeViewSet("extra_time"),
    )


@hooks.register("register_admin_viewset")
def register_quiz_overrides():
    return QuizOverridesGroup()


@hooks.register("register_log_actions")
def register_attempt_log_actions(actions):
    actions.register_action(
        "assessments.reopen_attempt", _("Reopen attempt"), _("Attempt reopened")
    )
    actions.register_action(
        "assessments.reset_attempt", _("Reset attempt"), _("Attempt reset")
    )


@hooks.register("register_admin_urls")
def register_item_statistics_url():
    return [
        path(
            "quizzes/<int:quiz_id>/statistics/",
            item_statistics,
            name="assessments_item_statistics",
        ),
        path(
            "quiz-attempts/<int:pk>/<str:action>/",
            override_attempt,
            name="assessments_override_attempt",
        ),
    ]


@hooks.register("register_page_header_buttons")
def item_statistics_button(page, user, view_name, next_url=None):
    if page.specific_class is QuizPage and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Item statistics"),
            url=reverse("assessments_item_statistics", args=[page.pk]),
            icon_name="table",
            priority=80,
        )
