from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from learning.progress.models import CourseCompletion

from .services import NAME_MAX_LENGTH, CertificateError, clean_printed_name
from .services import confirm_printed_name as confirm_name_service

# The name printed on certificates: the learner confirms it once ----------------


class ConfirmNameForm(forms.Form):
    full_name = forms.CharField(
        label=gettext_lazy("Your name as it will be printed"),
        max_length=NAME_MAX_LENGTH,
        help_text=gettext_lazy(
            "Exactly as you want it on your certificates, with capitals and "
            "accents: certificates print it letter for letter."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": gettext_lazy("Enter your name as it should be printed.")
        },
    )

    def clean_full_name(self):
        try:
            return clean_printed_name(self.cleaned_data["full_name"])
        except CertificateError as error:
            raise forms.ValidationError(str(error)) from error


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def confirm_name(request):
    """Show the name certificates will print and let the learner confirm (or
    correct) it; their pending certificates are then issued."""
    user = request.user
    form = ConfirmNameForm(
        request.POST or None, initial={"full_name": user.full_name or ""}
    )
    if request.method == "POST":
        if form.is_valid():
            confirm_name_service(
                user, full_name=form.cleaned_data["full_name"], now=timezone.now()
            )
            messages.success(
                request,
                _(
                    "Thank you. Your certificates will show “%(name)s”; those you "
                    "have earned are being prepared."
                )
                % {"name": user.full_name},
            )
            return redirect(_next_url(request) or reverse("progress:dashboard"))
        status = 400
    else:
        status = 200
    pending = (
        CourseCompletion.objects.filter(enrolment__learner=user)
        .exclude(certificate__isnull=False)
        .count()
    )
    return render(
        request,
        "certificates/confirm_name.html",
        {
            "form": form,
            "confirmed_at": user.name_confirmed_at,
            "pending": pending,
            "next": _next_url(request),
        },
        status=status,
    )
