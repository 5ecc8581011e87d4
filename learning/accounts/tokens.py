"""One-time link tokens: email verification and invitations.

Each generator has its own salt, so a token for one purpose never works for another,
and its own lifetime, read from settings in days.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class DaysTokenGenerator(PasswordResetTokenGenerator):
    timeout_setting = None
    default_timeout_days = 7

    def timeout(self):
        days = getattr(settings, self.timeout_setting, self.default_timeout_days)
        return int(timedelta(days=days).total_seconds())

    def check_token(self, user, token):
        """As Django's, but with this generator's own lifetime."""
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(
                self._make_token_with_timestamp(user, ts, secret), token
            ):
                break
        else:
            return False
        return 0 <= self._num_seconds(self._now()) - ts <= self.timeout()


class EmailVerificationTokenGenerator(DaysTokenGenerator):
    """Works once: verifying activates the account and stamps email_verified_at."""

    key_salt = "learning.accounts.tokens.EmailVerificationTokenGenerator"
    timeout_setting = "EMAIL_VERIFICATION_TIMEOUT_DAYS"
    default_timeout_days = 7

    def _make_hash_value(self, user, timestamp):
        verified = (
            ""
            if user.email_verified_at is None
            else user.email_verified_at.replace(microsecond=0, tzinfo=None)
        )
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}{verified}"


class InvitationTokenGenerator(DaysTokenGenerator):
    """Works until the invited person sets a password (the hash covers it)."""

    key_salt = "learning.accounts.tokens.InvitationTokenGenerator"
    timeout_setting = "INVITATION_TIMEOUT_DAYS"
    default_timeout_days = 30

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


email_verification_token = EmailVerificationTokenGenerator()
invitation_token = InvitationTokenGenerator()
