import csv

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import QuizPage
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
