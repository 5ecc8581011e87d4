"""The learner's download of everything the platform holds about them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .export import personal_data_json


@login_required
@require_GET
def export(request):
    """Only ever the requester's own data: the view takes no id."""
    now = timezone.now()
    response = HttpResponse(
        personal_data_json(request.user, now=now),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="unssc-my-data-{now:%Y-%m-%d}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response
