"""Weekly completion-report subscriptions: subscribing, unsubscribing (from the
admin or a one-click link in the email) and the weekly run.

Beat runs `send_weekly_reports` every hour; a subscription is due when it was
never sent or last sent a week ago (less a few minutes, so an hourly run that
starts a moment early keeps the same slot). Each due subscription is claimed by
a conditional UPDATE of `last_sent_at` before its email is built, so of two
runs at once only one sends. The email goes after the claim commits; if
sending fails, the claim is released and the next hourly run tries again.

The email carries counts only (no learner is named), computed as the subscriber
may see them, and links to the report in the admin, which needs a login.
Subscribers who lost the right to see the report (no longer focal point or
administrator, account deactivated, organisation no longer theirs) get nothing;
their subscriptions are kept, unclaimed, and resume if the right comes back.
"""

import logging
from datetime import timedelta
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from courses.models import CoursePage
from learning.accounts.emails import absolute_url, render_email

from .completion import RowStatus
from .filters import CompletionReport, InvalidFilters
from .models import ReportSubscription
from .scope import may_view_completion_report, organisations_in_report_scope

logger = logging.getLogger(__name__)

WEEK = timedelta(days=7)
# Less than beat's interval (an hour): an early run never moves the slot forward.
SLACK = timedelta(minutes=10)
EMAIL = "emails/weekly_report"
TOKEN_SALT = "learning.reports.subscriptions.unsubscribe"


class SubscriptionRefused(ValueError):
    """The user may not subscribe to this report; nothing was saved."""


# Subscribing


def courses_to_subscribe_to():
    return CoursePage.objects.live().filter(locale=Locale.get_default())


def subscribe(user, *, course=None, organisation=None, now):
    """Subscribe the user to the weekly report of a course, an organisation (with
    those below it) or both. Returns (subscription, created): asking twice for the
    same report returns the first subscription."""
    if not may_view_completion_report(user):
        raise SubscriptionRefused(_("You may not receive completion reports."))
    if course is None and organisation is None:
        raise SubscriptionRefused(_("Choose a course, an organisation or both."))
    if (
        organisation is not None
        and not organisations_in_report_scope(user).filter(pk=organisation.pk).exists()
    ):
        raise SubscriptionRefused(
            _("You may only subscribe to reports on the organisations you look after.")
        )
    if (
        course is not None
        and not courses_to_subscribe_to().filter(pk=course.pk).exists()
    ):
        raise SubscriptionRefused(_("Choose a published course."))
    course_key = course.translation_key if course else None
    existing = ReportSubscription.objects.filter(
        user=user, course_key=course_key, organisation=organisation
    ).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            subscription = ReportSubscription.objects.create(
                user=user,
                course=course,
                course_key=course_key,
                organisation=organisation,
                created_at=now,
            )
    except IntegrityError:  # the same request twice at once: the other one won
        subscription = ReportSubscription.objects.get(
            user=user, course_key=course_key, organisation=organisation
        )
        return subscription, False
    return subscription, True


def unsubscribe(subscription):
    """Stop a weekly report (from the admin, or the link in the email)."""
    ReportSubscription.objects.filter(pk=subscription.pk).delete()


def subject_label(subscription, *, localized=False):
    """What the report is about, e.g. "Data governance – UNDP"; with `localized`,
    the course's title in the active language where it has a translation."""
    parts = []
    if subscription.course_key:
        course = subscription.course
        if course and localized:
            course = course.localized
        parts.append(course.title if course else _("A deleted course"))
    if subscription.organisation:
        parts.append(subscription.organisation.acronym)
    return " – ".join(parts)


# The one-click unsubscribe link


class BadToken(ValueError):
    """An unsubscribe token we did not make (incomplete, changed, or forged)."""


def unsubscribe_token(subscription):
    """A signed token naming the subscription, its owner and when it was made, so
    that it never matches a later subscription that happens to reuse the id."""
    return signing.Signer(salt=TOKEN_SALT).sign_object(
        {
            "s": subscription.pk,
            "u": subscription.user_id,
            "t": int(subscription.created_at.timestamp()),
        },
        compress=True,
    )


def subscription_from_token(token):
    """The subscription a token names, or None if it was removed meanwhile.
    Raises BadToken if the token is not one of ours."""
    try:
        data = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError) as error:
        raise BadToken(token) from error
    if not isinstance(data, dict) or not all(
        isinstance(data.get(key), int) for key in ("s", "u", "t")
    ):
        raise BadToken(token)
    subscription = (
        ReportSubscription.objects.select_related("user", "organisation")
        .filter(pk=data["s"], user_id=data["u"])
        .first()
    )
    if subscription and int(subscription.created_at.timestamp()) == data["t"]:
        return subscription
    return None


def unsubscribe_url(subscription):
    """An absolute link in the subscriber's language (a POST to it unsubscribes,
    RFC 8058), so it must not be redirected on its way."""
    language = subscription.user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse("reports:unsubscribe", args=[unsubscribe_token(subscription)])
    return absolute_url(path)


# The report the email links to, and its figures


def report_params(subscription):
    """The completion report's filters for the subject (the course as the report's
    filter names it, in the default language), or None if its course was
    deleted."""
    params = {}
    if subscription.course_key:
        if subscription.course_id is None:
            return None
        params["course"] = subscription.course_id
    if subscription.organisation_id:
        params["organisation"] = subscription.organisation_id
    return params


def report_path(params, **extra):
    query = urlencode({**params, **extra})
    return f"{reverse('learning_reports:completion')}?{query}"


def report_url(params, **extra):
    return absolute_url(report_path(params, **extra))


def report_figures(user, params, *, now):
    """Headline counts of the report as the user may see it. Raises InvalidFilters
    when a filter is out of the user's reach."""
    rows = CompletionReport(user, QueryDict(urlencode(params)), now=now).rows()
    week = Q(completed_at__gt=now - WEEK, completed_at__lte=now)
    return rows.order_by().aggregate(
        enrolled=Count("pk", filter=~Q(row_status=RowStatus.WITHDRAWN)),
        completed_this_week=Count(
            "pk", filter=Q(row_status=RowStatus.COMPLETED) & week
        ),
        completed=Count("pk", filter=Q(row_status=RowStatus.COMPLETED)),
        in_progress=Count("pk", filter=Q(row_status=RowStatus.IN_PROGRESS)),
        not_started=Count("pk", filter=Q(row_status=RowStatus.NOT_STARTED)),
        overdue=Count("pk", filter=Q(row_status=RowStatus.OVERDUE)),
    )


# The weekly run


def due_subscriptions(now):
    """Subscriptions whose week is up (or never sent)."""
    return ReportSubscription.objects.filter(
        Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - WEEK + SLACK)
    )


def send_weekly_reports(*, now):
    """Send every report that is due; returns how many were queued."""
    due = due_subscriptions(now).select_related("user", "course", "organisation")
    sent = sum(send_weekly_report(subscription, now=now) for subscription in due)
    if sent:
        logger.info("Weekly completion reports queued: %s", sent)
    return sent


def send_weekly_report(subscription, *, now):
    """Claim the subscription for this week and queue its email. Returns False,
    sending nothing, when another run claimed it first, when its subscriber may
    no longer see the report, or when its course was deleted."""
    user = subscription.user
    if not user.email or not may_view_completion_report(user):
        return False
    params = report_params(subscription)
    if params is None:
        return False
    try:
        figures = report_figures(user, params, now=now)
    except InvalidFilters:  # the organisation is no longer theirs
        return False
    with transaction.atomic():
        claimed = (
            due_subscriptions(now).filter(pk=subscription.pk).update(last_sent_at=now)
        )
        if claimed != 1:  # another run has it
            return False
        message = weekly_report_message(subscription, params, figures, now=now)
        transaction.on_commit(
            partial(deliver, message, subscription.pk, now, subscription.last_sent_at)
        )
    return True


def weekly_report_message(subscription, params, figures, *, now):
    user = subscription.user
    unsubscribe = unsubscribe_url(subscription)
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        manage_url = absolute_url(reverse("learning_reports:subscriptions"))
        subject_name = subject_label(subscription, localized=True)
    subject, body, html, _context = render_email(
        user,
        EMAIL,
        {
            "subject_name": subject_name,
            "figures": figures,
            "week_start": now - WEEK,
            "week_end": now,
            "report_url": report_url(params),
            "csv_url": report_url(params, export="csv"),
            "manage_url": manage_url,
            "unsubscribe_url": unsubscribe,
        },
    )
    message = EmailMultiAlternatives(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def deliver(message, subscription_pk, claimed_at, previous):
    """Send after the claim committed. If the mail server refuses, give the week
    back (unless someone else has claimed it since) so the next run retries."""
    try:
        message.send()
    except Exception:
        logger.exception("Weekly report %s could not be sent", subscription_pk)
        ReportSubscription.objects.filter(
            pk=subscription_pk, last_sent_at=claimed_at
        ).update(last_sent_at=previous)
