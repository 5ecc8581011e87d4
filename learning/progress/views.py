from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.models import CoursePage, ModulePage

from .cycles import NewCycleRefused, start_new_cycle
from .dashboard import dashboard_context
from .gates import refuse_locked_step
from .models import Enrolment
from .services import complete_step, enrol, withdraw
from .state import CourseState, course_state_for


@login_required
@require_POST
def enrol_in_course(request, course_id):
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    enrol(request.user, course, now=timezone.now())
    messages.success(request, _("You are enrolled. Welcome to the course."))
    next_step = CourseState.for_user(course, request.user).next_step
    return redirect(next_step.url if next_step else course.url)


@login_required
@require_POST
def withdraw_from_course(request, course_id):
    course = get_object_or_404(CoursePage, pk=course_id)
    enrolment = get_object_or_404(
        Enrolment.objects.active().for_course(course), learner=request.user
    )
    withdraw(enrolment, now=timezone.now())
    messages.success(
        request,
        _("You have left %(course)s. Your record is kept if you enrol again.")
        % {"course": course.title},
    )
    return redirect("progress:dashboard")


@login_required
@require_POST
def recertify(request, course_id):
    """Start a new cycle of the learner's own enrolment (re-certification)."""
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    enrolment = get_object_or_404(
        Enrolment.objects.active().for_course(course), learner=request.user
    )
    try:
        start_new_cycle(enrolment, now=timezone.now())
    except NewCycleRefused as refusal:
        return render(
            request,
            "progress/recertify_refused.html",
            {"course": course, "message": str(refusal)},
            status=400,
        )
    messages.success(
        request,
        _(
            "Re-certification started. Take the course again to earn a new "
            "certificate; your earlier completion stays on record."
        ),
    )
    next_step = CourseState.for_user(course, request.user).next_step
    return redirect(next_step.url if next_step else course.url)


@login_required
@require_POST
def mark_module_done(request, page_id):
    module = get_object_or_404(ModulePage.objects.live().public(), pk=page_id)
    course = module.course
    state = course_state_for(request, course)  # the learner's active enrolment
    if state.enrolment is None:
        raise Http404
    wants_json = request.headers.get("Accept") == "application/json"  # module.js
    if wants_json and state.blocking_step(module):
        return JsonResponse({"error": "locked"}, status=409)
    if refusal := refuse_locked_step(request, state, module):
        return refusal
    completion = complete_step(state.enrolment, module, now=timezone.now())
    if wants_json:
        return JsonResponse(
            {"course_completed": bool(completion), "course_url": course.url}
        )
    if completion:
        messages.success(
            request, _("You have completed %(course)s.") % {"course": course.title}
        )
        return redirect(course.url)
    next_step = CourseState.for_user(course, request.user).next_step
    messages.success(request, _("Marked as done."))
    return redirect(next_step.url if next_step else course.url)


@login_required
@require_GET
def dashboard(request):
    return render(request, "progress/dashboard.html", dashboard_context(request.user))
