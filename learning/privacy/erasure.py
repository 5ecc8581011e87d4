"""Erasing a learner at an administrator's request: the person disappears, the
figures stay.

The account is anonymised rather than deleted, so that enrolments, completions
and quiz attempts still count in reports and course summaries, and the audit
log still says who did what; but nothing names the person any more. Their
certificates are revoked and keep no name, so the public verification page says
the certificate was withdrawn without saying whose it was.
"""

import json
import re

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from assessments.models import ExtraAttempts, ExtraTime
from learning.accounts.models import User
from learning.certificates.models import Certificate
from learning.certificates.services import revoke_certificate
from learning.progress.models import EnrolmentImport
from learning.reports.models import ReportSubscription

ERASED_NAME = "Erased learner"
WITHDRAWN_REASON = _(
    "Withdrawn: the holder's personal data was erased from the platform."
)
REDACTED = "[erased]"

KEPT = "kept"  # stays, pointing at the anonymised account: counts do not change
DELETED = "deleted"  # personal in itself (accommodations, subscriptions)

# What erasure does with the rows of each field that points at a person
# ("app_label.Model.field"). tests/accounts/test_privacy.py checks that every
# such field of every model is here or deliberately left out.
HANDLING = {
    "progress.Enrolment.learner": KEPT,
    "progress.Enrolment.enrolled_by": KEPT,
    "progress.EnrolmentImport.uploaded_by": KEPT,
    "assessments.Attempt.learner": KEPT,
    "assessments.ExtraAttempts.learner": DELETED,
    "assessments.ExtraTime.learner": DELETED,
    "certificates.RegenerationJob.requested_by": KEPT,
    "reports.ReportExport.requested_by": KEPT,
    "reports.ReportSubscription.user": DELETED,
    "wagtailusers.UserProfile.user": DELETED,
}


def erased_email(user):
    """Unique, and in the .invalid top-level domain, which never routes (RFC 2606)."""
    return f"erased-{user.pk}@invalid"


def erase_learner(user, *, by, now):
    """Anonymise the person and everything that names them, in one transaction.
    Erasing an erased account changes nothing. Returns the account."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.erased_at is not None:
            return user
        names = _names_of(user)
        _withdraw_certificates(user, by=by, now=now)
        _anonymise_account(user, now=now)
        ExtraAttempts.objects.filter(learner=user).delete()
        ExtraTime.objects.filter(learner=user).delete()
        ReportSubscription.objects.filter(user=user).delete()
        _delete_admin_profile(user)
        # Other rows that quote the person: audit-log labels and details, and
        # the enrolment lists they were imported from.
        _redact(ModelLogEntry.objects.all(), ["label"], ["data"], names)
        _redact(EnrolmentImport.objects.all(), ["csv_text"], ["report"], names)
        _delete_sessions(user, now=now)
        log(user, "accounts.erase", user=by, data={"user_id": user.pk})
    return user


def _names_of(user):
    """Every form of the person's name and address that records may quote."""
    names = {user.email, user.full_name, user.get_full_name()}
    names |= set(
        Certificate.objects.for_learner(user).values_list("name_printed", flat=True)
    )
    return sorted(
        (name for name in names if name and name.strip()), key=len, reverse=True
    )


def _withdraw_certificates(user, *, by, now):
    """Revoke each certificate (with the usual notice to the learner and audit
    entry), then drop the name from it and delete its PDFs, every version."""
    for certificate in Certificate.objects.for_learner(user):
        revoke_certificate(certificate, by=by, reason=str(WITHDRAWN_REASON), now=now)
        certificate.refresh_from_db()
        storage = certificate.file.storage
        for name in _pdf_versions(certificate):
            storage.delete(name)
        certificate.name_printed = ""
        certificate.file = ""
        certificate.save(update_fields=["name_printed", "file"])


def _pdf_versions(certificate):
    """The current file and those earlier reissues replaced (kept in storage,
    recorded in the audit log)."""
    names = {certificate.file.name}
    for entry in ModelLogEntry.objects.for_instance(certificate).filter(
        action="certificates.reissue"
    ):
        names.add((entry.data or {}).get("old_file"))
    return {name for name in names if name}


def _anonymise_account(user, *, now):
    user.full_name = ERASED_NAME
    user.first_name = ""
    user.last_name = ""
    user.email = erased_email(user)
    user.organisation = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.email_reminders = False
    user.time_zone = "UTC"
    user.preferred_language = settings.LANGUAGE_CODE
    user.name_confirmed_at = None
    user.erased_at = now
    user.set_unusable_password()
    user.save(
        update_fields=[
            "full_name",
            "first_name",
            "last_name",
            "email",
            "organisation",
            "is_active",
            "is_staff",
            "is_superuser",
            "email_reminders",
            "time_zone",
            "preferred_language",
            "name_confirmed_at",
            "erased_at",
            "password",
        ]
    )
    user.groups.clear()
    user.user_permissions.clear()
    user.focal_organisations.clear()


def _delete_admin_profile(user):
    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return
    if profile.avatar:
        profile.avatar.delete(save=False)
    profile.delete()


def _redact(queryset, text_fields, json_fields, names):
    """Replace the names in these fields of the rows that quote them."""
    if not names:
        return
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names), re.IGNORECASE
    )
    # JSON may store "é" as "\u00e9": look for both spellings.
    spellings = set(names) | {json.dumps(name)[1:-1] for name in names}
    quoting = Q()
    for field in text_fields:
        for spelling in spellings:
            quoting |= Q(**{f"{field}__icontains": spelling})
    for field in json_fields:
        queryset = queryset.annotate(**{f"{field}_text": Cast(field, TextField())})
        for spelling in spellings:
            quoting |= Q(**{f"{field}_text__icontains": spelling})
    for row in queryset.filter(quoting):
        for field in text_fields + json_fields:
            setattr(row, field, _redacted(getattr(row, field), pattern))
        row.save(update_fields=text_fields + json_fields)


def _redacted(value, pattern):
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [_redacted(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _redacted(item, pattern) for key, item in value.items()}
    return value


def _delete_sessions(user, *, now):
    """Log the person out everywhere. (The unusable password and the inactive
    account also void their sessions at the next request, whatever the session
    engine; with database sessions this removes them now.)"""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    user_id = str(user.pk)
    stale = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=now).iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(session_key__in=stale).delete()
