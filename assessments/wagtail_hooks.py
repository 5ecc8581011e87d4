from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import QuestionForm
from .models import Question


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Question bank")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "question_type", "points", "tags"]
    list_filter = ["question_type", "tags"]
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
