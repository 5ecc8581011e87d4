from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm


class QuestionForm(WagtailAdminModelForm):
    """Checks the choices together with the question: a single choice question needs
    exactly one right answer, and so on."""

    def is_valid(self):
        # The choice formset is only cleaned once the question form itself is.
        if not super().is_valid():
            return False
        choices = [
            (form.cleaned_data["text"], form.cleaned_data.get("is_correct"))
            for form in self.formsets["choices"].forms
            if form.cleaned_data.get("text") and not form.cleaned_data.get("DELETE")
        ]
        try:
            self.instance.clean_choices(choices)
        except ValidationError as error:
            self.add_error(None, error)
            return False
        return True
