from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from learning.fields import IdChoiceField

from . import throttle
from .backends import LOGIN
from .models import TIME_ZONE_CHOICES, Organisation, User


def allowed_signup_domains():
    return [
        d.strip().lower().lstrip("@.") for d in settings.SIGNUP_ALLOWED_EMAIL_DOMAINS
    ]


def email_domain_allowed(email, domains=None):
    """True if the address's domain is one of `domains` or a subdomain of one
    ("dev.un.org" is under "un.org"; "evilun.org" is not). No list: any domain."""
    domains = allowed_signup_domains() if domains is None else domains
    if not domains:
        return True
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    return any(domain == d or domain.endswith("." + d) for d in domains if d)


def check_passwords(form, user):
    """Both password fields match and pass the site's password validators."""
    password1 = form.cleaned_data.get("password1")
    password2 = form.cleaned_data.get("password2")
    if not (password1 and password2):
        return
    if password1 != password2:
        form.add_error(
            "password2",
            ValidationError(
                form.error_messages["password_mismatch"], code="password_mismatch"
            ),
        )
        return
    try:
        password_validation.validate_password(password2, user)
    except ValidationError as error:
        form.add_error("password2", error)


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form, but a person who signed up and has not yet confirmed
    their address (and typed the right password) is told so, instead of the generic
    wrong-password message. Other inactive accounts stay refused as before."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "unverified": _("Confirm your email address first."),
        "throttled": _(
            "Too many failed attempts to log in to this account from your "
            "network. Wait %(minutes)s minutes and try again, or reset your "
            "password."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("Email address")
        # Django sets the field's max_length after building it, so nothing checks
        # it: a 60,000-character "address" would reach the database's LIKE.
        username.validators.append(MaxLengthValidator(username.max_length))
        self.unverified = False

    def clean(self):
        email = self.cleaned_data.get("username")
        if email and throttle.used_up(self.request, LOGIN, email):
            # Refused before the password is looked at (the backend refuses too).
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": throttle.COOL_OFF_SECONDS // 60},
            )
        try:
            return super().clean()
        except ValidationError as error:
            if error.code == "invalid_login" and self.pending_user_with_password():
                self.unverified = True
                raise ValidationError(
                    self.error_messages["unverified"], code="unverified"
                ) from None
            raise

    def pending_user_with_password(self):
        email = (self.cleaned_data.get("username") or "").strip()
        password = self.cleaned_data.get("password")
        if not email or not password:
            return False
        user = User.objects.pending_verification().filter(email__iexact=email).first()
        return user is not None and user.check_password(password)


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("Your work address; you will log in with it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it will be printed on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = IdChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("acronym"),
        empty_label=_("Choose your organisation"),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of the site and of the emails we send you."),
    )
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )

    error_messages = {"password_mismatch": _("The two passwords do not match.")}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        domains = allowed_signup_domains()
        if not email_domain_allowed(email, domains):
            raise ValidationError(
                _(
                    "Sign-up is open to addresses at these domains only: "
                    "%(domains)s. Use your work address."
                ),
                code="domain",
                params={"domains": ", ".join(domains)},
            )
        return email

    def clean(self):
        cleaned = super().clean()
        check_passwords(
            self,
            User(
                email=cleaned.get("email") or "",
                full_name=cleaned.get("full_name") or "",
            ),
        )
        return cleaned


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        """Active accounts with this address, including invited people who have not
        chosen a password yet (the reset link reaches the same inbox)."""
        return User.objects.filter(email__iexact=email.strip(), is_active=True)

    def save(self, *args, request=None, **kwargs):
        from .services import send_password_reset

        for user in self.get_users(self.cleaned_data["email"]):
            send_password_reset(user)


class SetPasswordForm(auth_forms.SetPasswordForm):
    def save(self, commit=True):
        from .services import mark_email_verified

        user = super().save(commit=commit)
        if commit:
            # The reset link arrived at this address: it is confirmed.
            mark_email_verified(user)
        return user


class InvitationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it will be printed on your certificates."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )

    error_messages = {"password_mismatch": _("The two passwords do not match.")}

    def __init__(self, user, *args, **kwargs):
        self.user = user
        kwargs.setdefault("initial", {"full_name": user.full_name})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        candidate = User(email=self.user.email, full_name=cleaned.get("full_name", ""))
        check_passwords(self, candidate)
        return cleaned


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIME_ZONE_CHOICES,
        help_text=_("Dates and times on this site are shown in this time zone."),
    )

    class Meta:
        model = User
        fields = [
            "full_name",
            "preferred_language",
            "time_zone",
            "email_reminders",
        ]
        labels = {
            "full_name": _("Full name"),
            "email_reminders": _("Send me reminders by email"),
        }
        help_texts = {
            "full_name": _("As it will be printed on your certificates."),
            "preferred_language": _(
                "The language of the site and of the emails we send you."
            ),
            "email_reminders": _(
                "Reminders about due dates and expiring certificates."
            ),
        }
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
