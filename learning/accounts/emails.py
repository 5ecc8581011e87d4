"""Email to users: rendered in their language and time zone, sent once the current
transaction commits.

Templates come in threes under a prefix, e.g. ``emails/accounts/verify``:
``verify_subject.txt`` (one line), ``verify.txt`` (plain text) and optionally
``verify.html``. Their context gets ``user`` and ``site_url``, plus
``unsubscribe_url`` for reminders.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "learning.accounts.unsubscribe"


def site_url():
    """The site's base URL without a trailing slash, e.g. https://learn.unssc.org."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    """An absolute URL for a site path such as ``/en/my-learning/``."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + "/" + path.lstrip("/")


def unsubscribe_token(user):
    """A signed token naming the user; stable (no timestamp), as it never expires."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(
        {"u": user.pk}, compress=True
    )


def user_from_unsubscribe_token(token):
    """The user a token was made for, or None if it is bad, tampered or the user
    is gone."""
    from .models import User

    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return User.objects.filter(pk=data["u"]).first()


def unsubscribe_url(user):
    """An absolute link that turns the user's email reminders off (no login needed),
    in the user's language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        path = reverse("accounts:unsubscribe", args=[unsubscribe_token(user)])
    return absolute_url(path)


def render_email(user, template_prefix, context, *, reminder=False):
    """Subject, text body, optional HTML body and extra context for one user."""
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(user.time_zone or "UTC"):
        context = {**context, "user": user, "site_url": site_url()}
        if reminder:
            context["unsubscribe_url"] = unsubscribe_url(user)
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        subject = " ".join(subject.split())
        body = render_to_string(f"{template_prefix}.txt", context)
        try:
            html = render_to_string(f"{template_prefix}.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, body, html, context


def send_email(user, template_prefix, context, *, reminder=False):
    """Render an email for ``user`` and send it after the current transaction commits.

    With ``reminder=True`` the user's choice is respected (nothing is sent to people
    who turned reminders off or whose account is inactive) and the RFC 8058 one-click
    unsubscribe headers are added. Returns True when the message was queued.
    """
    if not user.email:
        return False
    if reminder and (not user.email_reminders or not user.is_active):
        return False
    subject, body, html, context = render_email(
        user, template_prefix, context, reminder=reminder
    )
    headers = {}
    if reminder:
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers=headers,
    )
    if html:
        message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send, robust=True)
    return True
