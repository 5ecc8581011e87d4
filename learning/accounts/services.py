import csv
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from wagtail.log_actions import log

from .emails import absolute_url, send_email
from .models import Organisation, User
from .tokens import email_verification_token, invitation_token

UN_ORGANISATIONS_CSV = Path(__file__).parent / "data" / "un-organisations.csv"


@transaction.atomic
def import_organisations(path=UN_ORGANISATIONS_CSV):
    """Create or update organisations from a CSV of acronym, name, parent_acronym.

    Idempotent: rows already up to date are not written again. Returns the number of
    organisations created.
    """
    with open(path, newline="", encoding="utf-8") as f:
        rows = [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(f)
        ]
    existing = {org.acronym: org for org in Organisation.objects.all()}
    created = 0
    for row in rows:
        org = existing.get(row["acronym"])
        if org is None:
            existing[row["acronym"]] = Organisation.objects.create(
                acronym=row["acronym"], name=row["name"]
            )
            created += 1
        elif org.name != row["name"]:
            org.name = row["name"]
            org.save(update_fields=["name"])
    for row in rows:
        org = existing[row["acronym"]]
        parent = existing[row["parent_acronym"]] if row["parent_acronym"] else None
        if org.parent_id != (parent.pk if parent else None):
            org.parent = parent
            org.save(update_fields=["parent"])
    return created


# Links in emails -------------------------------------------------------------------


def uidb64(user):
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_from_uidb64(value):
    """The user a link's uidb64 names, or None when it is malformed or unknown."""
    try:
        pk = int(urlsafe_base64_decode(value).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return User.objects.filter(pk=pk).first()


def _link(user, url_name, token):
    with translation.override(user.preferred_language):
        return absolute_url(reverse(url_name, args=[uidb64(user), token]))


def verification_url(user):
    return _link(user, "accounts:verify", email_verification_token.make_token(user))


def invitation_url(user):
    return _link(user, "accounts:invitation", invitation_token.make_token(user))


def password_reset_url(user):
    return _link(
        user,
        "accounts:password_reset_confirm",
        default_token_generator.make_token(user),
    )


# Sign-up and email verification -----------------------------------------------------


@transaction.atomic
def sign_up(*, email, full_name, organisation, preferred_language, password, now):
    """Create an inactive account and email a verification link.

    An address already registered is not revealed to the person signing up: its
    owner gets a verification link again (if they never confirmed) or a notice that
    someone tried to sign up with it. Returns the new user, or None.
    """
    email = email.strip().lower()
    # Hashed whether or not the address is taken: otherwise the answer would come
    # ten times sooner for a registered address, telling who has an account.
    password_hash = make_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if User.objects.pending_verification().filter(pk=existing.pk).exists():
            send_verification_email(existing)
        else:
            send_email(
                existing,
                "emails/accounts/signup_attempt",
                {
                    "password_reset_url": absolute_url(
                        _localised(existing, "accounts:password_reset")
                    ),
                },
            )
        return None
    user = User(
        email=email,
        full_name=full_name.strip(),
        organisation=organisation,
        preferred_language=preferred_language,
        is_active=False,
        date_joined=now,
    )
    user.password = password_hash
    user.save()
    log(user, "accounts.sign_up", user=user)
    send_verification_email(user)
    return user


def _localised(user, url_name):
    with translation.override(user.preferred_language):
        return reverse(url_name)


def send_verification_email(user):
    from django.conf import settings

    return send_email(
        user,
        "emails/accounts/verify",
        {
            "verify_url": verification_url(user),
            "timeout_days": settings.EMAIL_VERIFICATION_TIMEOUT_DAYS,
        },
    )


def resend_verification(email):
    """Send a fresh verification link if `email` belongs to an account waiting for
    one. Says nothing either way, so the caller cannot learn who is registered."""
    user = (
        User.objects.pending_verification().filter(email__iexact=email.strip()).first()
    )
    if user is not None:
        send_verification_email(user)


@transaction.atomic
def verify_email(user, *, now):
    """Activate a signed-up account whose owner followed the verification link."""
    user.is_active = True
    user.email_verified_at = now
    user.save(update_fields=["is_active", "email_verified_at"])
    log(user, "accounts.verify_email", user=user)
    return user


def mark_email_verified(user, *, now=None):
    """Record that the owner of the address acted on a link sent to it."""
    if user.email_verified_at is None:
        user.email_verified_at = now or timezone.now()
        user.save(update_fields=["email_verified_at"])


def send_password_reset(user):
    return send_email(
        user,
        "emails/accounts/password_reset",
        {
            "reset_url": password_reset_url(user),
        },
    )


# Invitations ------------------------------------------------------------------------


def create_invited_user(email, *, full_name="", organisation=None):
    """An active account with no usable password yet, for someone who will be
    invited (bulk enrolment). Returns the existing account if the address is
    already registered."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User(email=email, full_name=full_name.strip(), organisation=organisation)
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def invite(user, *, invited_by, now):
    """Stamp `invited_at` and email the person a link to choose their password.
    The email leaves once the transaction commits."""
    user.invited_at = now
    user.save(update_fields=["invited_at"])
    log(user, "accounts.invite", user=invited_by)
    return send_invitation(user, invited_by=invited_by)


def create_invited_users(people, *, now):
    """Accounts for many people at once (bulk enrolment), invited at `now`:
    `people` are (email, full name, organisation), for addresses not registered
    yet. Send their invitations with `send_invitation` in the same transaction."""
    return User.objects.bulk_create(
        [
            User(
                email=email.strip().lower(),
                full_name=full_name.strip(),
                organisation=organisation,
                password=make_password(None),  # unusable until they accept
                invited_at=now,
            )
            for email, full_name, organisation in people
        ],
        batch_size=500,
    )


def send_invitation(user, *, invited_by):
    """Queue the invitation email (it leaves once the transaction commits)."""
    from django.conf import settings

    return send_email(
        user,
        "emails/accounts/invitation",
        {
            "invitation_url": invitation_url(user),
            "invited_by": invited_by,
            "timeout_days": settings.INVITATION_TIMEOUT_DAYS,
        },
    )


@transaction.atomic
def accept_invitation(user, *, full_name, password, now):
    """The invited person confirms their name and sets a password; this also proves
    they own the address. The invitation link stops working."""
    user.full_name = full_name.strip()
    user.set_password(password)
    fields = ["full_name", "password"]
    if user.email_verified_at is None:
        user.email_verified_at = now
        fields.append("email_verified_at")
    user.save(update_fields=fields)
    log(user, "accounts.accept_invitation", user=user)
    return user


# Preferences ------------------------------------------------------------------------


@transaction.atomic
def unsubscribe_from_reminders(user, *, now, by=None):
    """Turn email reminders off (from an unsubscribe link: no login)."""
    if user.email_reminders:
        user.email_reminders = False
        user.save(update_fields=["email_reminders"])
        log(user, "accounts.unsubscribe", user=by, data={"at": now.isoformat()})
    return user


@transaction.atomic
def update_profile(user, form):
    """Save the profile form the user submitted about themselves."""
    changed = form.changed_data
    user = form.save()
    if changed:
        log(user, "accounts.edit_profile", user=user, data={"fields": changed})
    return user
