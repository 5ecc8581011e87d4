from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail import hooks

from .forms import answers_from_post
from .models import Attempt, QuizPage
from .review import can_review, public_questions, reviewed_questions
from .services import (
    AttemptError,
    AttemptFinished,
    NoAttemptsLeft,
    save_answers,
    start_attempt,
    submit_attempt,
)


def own_attempt(request, pk):
    """The requesting learner's attempt; anyone else's is a 404."""
    return get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=pk, learner=request.user
    )


@login_required
@require_POST
def start(request, quiz_id):
    quiz = get_object_or_404(QuizPage.objects.live().public(), pk=quiz_id)
    # Apps above this one may refuse a start (e.g. a step still locked for the
    # learner) by returning a response.
    for refuse in hooks.get_hooks("before_start_quiz_attempt"):
        if response := refuse(request, quiz):
            return response
    try:
        attempt = start_attempt(quiz, request.user, now=timezone.now())
    except NoAttemptsLeft as error:
        messages.warning(request, str(error))
        return redirect(quiz.url)
    return redirect("assessments:attempt", pk=attempt.pk)


@login_required
@require_GET
def attempt_page(request, pk):
    attempt = own_attempt(request, pk)
    if not attempt.is_open:
        return result_page(request, attempt)
    return render_attempt(request, attempt)


def render_attempt(request, attempt, error=None, status=200):
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "questions": public_questions(attempt.questions, attempt.answers),
        "error": error,
    }
    return render(request, "assessments/attempt.html", context, status=status)


def result_page(request, attempt, status=200):
    review = can_review(attempt)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "can_review": review,
        "questions": reviewed_questions(attempt) if review else None,
    }
    return render(request, "assessments/attempt_result.html", context, status=status)


@login_required
@require_POST
def save(request, pk):
    attempt = own_attempt(request, pk)
    wants_json = request.accepts("application/json") and not request.accepts(
        "text/html"
    )
    try:
        attempt = save_answers(
            attempt.pk,
            request.user,
            answers_from_post(attempt, request.POST),
            now=timezone.now(),
        )
    except AttemptError as error:
        if wants_json:
            return JsonResponse({"error": str(error)}, status=status_for(error))
        return refused(request, attempt, error)
    if wants_json:
        return JsonResponse({"saved": True, "saved_at": timezone.now().isoformat()})
    messages.success(request, _("Your answers are saved."))
    return redirect("assessments:attempt", pk=attempt.pk)


@login_required
@require_POST
def submit(request, pk):
    attempt = own_attempt(request, pk)
    try:
        attempt = submit_attempt(
            attempt.pk,
            request.user,
            answers_from_post(attempt, request.POST),
            now=timezone.now(),
        )
    except AttemptError as error:
        return refused(request, attempt, error)
    return redirect("assessments:attempt", pk=attempt.pk)


def status_for(error):
    """409 when the attempt is over, 400 for answers the attempt cannot take."""
    return 409 if isinstance(error, AttemptFinished) else 400


def refused(request, attempt, error):
    status = status_for(error)
    attempt.refresh_from_db()
    if attempt.is_open:
        return render_attempt(request, attempt, error=str(error), status=status)
    messages.warning(request, str(error))
    return result_page(request, attempt, status=status)
