"""Learner accounts: sign-up, email verification, invitations, password reset and
change, profile, unsubscribe. Views check the request and call services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from . import services, throttle
from .emails import user_from_unsubscribe_token
from .forms import (
    InvitationForm,
    LoginForm,
    PasswordResetForm,
    ProfileForm,
    ResendVerificationForm,
    SetPasswordForm,
    SignupForm,
)
from .tokens import email_verification_token, invitation_token

BACKEND = "learning.accounts.backends.ThrottledModelBackend"


def posted(request):
    """The form's data: bound on every POST, even an empty one, so that it is
    refused with its errors shown rather than shown blank."""
    return request.POST if request.method == "POST" else None


def render_refusal(request, template, context=None, status=400):
    """A clear page for a link that cannot be used; nothing is changed."""
    return render(request, template, context or {}, status=status)


def too_many_attempts(response):
    """A refusal for the throttle's cool-off: 429, and when to try again."""
    response.status_code = 429
    response["Retry-After"] = str(throttle.COOL_OFF_SECONDS)
    return response


class RefusedWith400:
    """For Django's form views: a form sent back with its errors is a refusal (400),
    not a page served (200)."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LoginView(RefusedWith400, auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "throttled"):
            return too_many_attempts(response)
        return response


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request):
    if not settings.SIGNUP_OPEN:
        return render(request, "accounts/signup_closed.html", status=404)
    if request.user.is_authenticated:
        return redirect("wagtail_serve", "")
    form = SignupForm(
        posted(request), initial={"preferred_language": translation.get_language()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not throttle.throttled(request, "signup", data["email"]):
            services.sign_up(
                email=data["email"],
                full_name=data["full_name"],
                organisation=data["organisation"],
                preferred_language=data["preferred_language"],
                password=data["password1"],
                now=timezone.now(),
            )
        # The same answer whether or not the address was already registered.
        return redirect("accounts:signup_done")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


def signup_done(request):
    return render(request, "accounts/signup_done.html")


@require_http_methods(["GET"])
def verify(request, uidb64, token):
    user = services.user_from_uidb64(uidb64)
    if user is None or not email_verification_token.check_token(user, token):
        return render_refusal(
            request,
            "accounts/verify_invalid.html",
            {"form": ResendVerificationForm()},
        )
    services.verify_email(user, now=timezone.now())
    login(request, user, backend=BACKEND)
    messages.success(
        request,
        _("Welcome, %(name)s. Your email address is confirmed.")
        % {"name": user.display_name},
    )
    return redirect("wagtail_serve", "")


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    form = ResendVerificationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not throttle.throttled(request, "resend", email):
            services.resend_verification(email)
        return render(request, "accounts/resend_done.html")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "accounts/resend_verification.html", {"form": form}, status=status
    )


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def accept_invitation(request, uidb64, token):
    user = services.user_from_uidb64(uidb64)
    if (
        user is None
        or not user.is_active
        or user.has_usable_password()
        or not invitation_token.check_token(user, token)
    ):
        return render_refusal(request, "accounts/invitation_invalid.html")
    form = InvitationForm(user, posted(request))
    if request.method == "POST":
        if form.is_valid():
            services.accept_invitation(
                user,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                now=timezone.now(),
            )
            login(request, user, backend=BACKEND)
            messages.success(
                request,
                _("Welcome, %(name)s. Your account is ready.")
                % {"name": user.display_name},
            )
            return redirect("progress:dashboard")
        return render(
            request,
            "accounts/invitation.html",
            {"form": form, "person": user},
            status=400,
        )
    return render(request, "accounts/invitation.html", {"form": form, "person": user})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(posted(request), instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = services.update_profile(request.user, form)
            with translation.override(user.preferred_language):
                messages.success(request, _("Your profile has been saved."))
                url = reverse("accounts:profile")
            return redirect(url)
        request.user.refresh_from_db()
        return render(request, "accounts/profile.html", {"form": form}, status=400)
    return render(request, "accounts/profile.html", {"form": form})


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a CSRF token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Turn email reminders off from a link in a reminder. It only ever turns email
    off, so it needs neither a login nor a CSRF token."""
    user = user_from_unsubscribe_token(token)
    if user is None:
        return render_refusal(request, "accounts/unsubscribe_invalid.html")
    if request.method == "POST":
        services.unsubscribe_from_reminders(user, now=timezone.now())
        return render(request, "accounts/unsubscribe_done.html", {"person": user})
    return render(request, "accounts/unsubscribe.html", {"person": user})


# Django's password views, with our forms, templates and namespaced URLs.


class PasswordResetView(RefusedWith400, auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if throttle.throttled(
            self.request, "password_reset", form.cleaned_data["email"]
        ):
            form.add_error(
                None,
                _(
                    "Too many password reset requests for this address from your "
                    "network. Wait %(minutes)s minutes and try again; the links "
                    "already sent keep working."
                )
                % {"minutes": throttle.COOL_OFF_SECONDS // 60},
            )
            return too_many_attempts(self.form_invalid(form))
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(RefusedWith400, auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    token_generator = default_token_generator

    def get_user(self, uidb64):
        # Invited people who never chose a password may reset it too.
        return services.user_from_uidb64(uidb64)

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and response.status_code == 200:
            response.status_code = 400
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(RefusedWith400, auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"
