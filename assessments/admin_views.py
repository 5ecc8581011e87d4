import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Attempt, QuizPage
from .services import AttemptError, reopen_attempt, reset_attempt
from .statistics import quiz_statistics, statistics_rows


class Echo:
    def write(self, value):
        return value


def spreadsheet_safe(value):
    """Stop a spreadsheet from running a value as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def item_statistics(request, quiz_id):
    """Per quiz and per question results, for whoever may edit the quiz. Aggregates
    only: no row names a learner."""
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    if not quiz.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    stats = quiz_statistics(quiz)
    if request.GET.get("export") == "csv":
        writer = csv.writer(Echo())
        rows = (
            writer.writerow([spreadsheet_safe(cell) for cell in row])
            for row in statistics_rows(stats)
        )
        response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
        filename = f"item-statistics-{slugify(quiz.title)}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return TemplateResponse(
        request,
        "assessments/admin/item_statistics.html",
        {"quiz": quiz, "stats": stats, "page_title": _("Item statistics")},
    )


class AttemptRecordPolicy(ModelPermissionPolicy):
    """Attempts are records: administrators view them and reopen or reset them
    (with a reason in the audit log), but never create, edit or delete them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


def can_override(user):
    return user.has_perm("assessments.change_attempt")


class AttemptActionsColumn(Column):
    cell_template_name = "assessments/admin/attempt_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["can_override"] = can_override(parent_context["request"].user)
        return context


@require_POST
def override_attempt(request, pk, action):
    if not can_override(request.user):
        raise PermissionDenied
    attempt = get_object_or_404(Attempt, pk=pk)
    try:
        if action == "reopen":
            reopen_attempt(attempt, by=request.user, now=timezone.now())
            messages.success(request, _("Attempt reopened."))
        else:
            reset_attempt(attempt, by=request.user)
            messages.success(request, _("Attempt reset: it no longer counts."))
    except AttemptError as error:
        messages.error(request, str(error))
    return redirect("quiz_attempts:index")
