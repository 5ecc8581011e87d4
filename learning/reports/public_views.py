"""The one-click unsubscribe link in a weekly report email: no login, GET asks,
POST unsubscribes (RFC 8058: mail clients POST without a CSRF token)."""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .subscriptions import BadToken, subject_label, subscription_from_token
from .subscriptions import unsubscribe as remove_subscription

TEMPLATE = "reports/unsubscribe.html"


@csrf_exempt  # it only ever stops an email
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        subscription = subscription_from_token(token)
    except BadToken:
        return render(request, TEMPLATE, {"state": "invalid"}, status=400)
    if subscription is None:  # unsubscribed already: a repeated POST is fine
        return render(request, TEMPLATE, {"state": "gone"})
    context = {"subject": subject_label(subscription, localized=True)}
    if request.method == "POST":
        remove_subscription(subscription)
        return render(request, TEMPLATE, {**context, "state": "done"})
    return render(request, TEMPLATE, {**context, "state": "confirm"})
