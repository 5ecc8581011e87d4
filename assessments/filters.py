from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.filters import WagtailFilterSet

from learning.fields import IdMultipleChoiceFilter

from .models import Question


class QuestionFilterSet(WagtailFilterSet):
    tags = IdMultipleChoiceFilter(
        label=_("Topics"),
        field_name="tags",
        queryset=Tag.objects.filter(assessments_questiontag_items__isnull=False)
        .distinct()
        .order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        distinct=True,
    )

    class Meta:
        model = Question
        fields = ["question_type", "tags"]
