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


def answers_from_post(attempt, data):
    """The answers in a submitted attempt form, keyed by question id.

    Fields are named `q-<question id>`; a multiple response question also sends an
    empty value so that unticking every box is an answer too. Any other `q-` field is
    kept so that the service refuses it with a clear message."""
    kinds = {str(question["id"]): question["type"] for question in attempt.questions}
    answers = {}
    for name in data:
        if not name.startswith("q-"):
            continue
        key = name.removeprefix("q-")
        if kinds.get(key) == "multiple_response":
            answers[key] = [value for value in data.getlist(name) if value]
        else:
            answers[key] = data.get(name)
    return answers
