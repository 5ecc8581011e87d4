from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from learning.fields import is_local_path
from learning.progress.models import CourseCompletion

from . import public
from .models import Certificate, CertificateStatus
from .rendering import verification_url
from .services import (
    NAME_MAX_LENGTH,
    CertificateError,
    certificate_state,
    clean_printed_name,
)
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
    """Where to go once the name is confirmed: `next`, a path on this site ("" if
    absent, None if it is anything else)."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    return url if not url or is_local_path(url) else None


@login_required
@require_http_methods(["GET", "POST"])
def confirm_name(request):
    """Show the name certificates will print and let the learner confirm (or
    correct) it; their pending certificates are then issued."""
    next_url = _next_url(request)
    if next_url is None:
        reason = _("“next” must be a path on this site.")
        return render(request, "400.html", {"reason": reason}, status=400)
    user = request.user
    form = ConfirmNameForm(
        request.POST if request.method == "POST" else None,
        initial={"full_name": user.full_name or ""},
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
            return redirect(next_url or reverse("progress:dashboard"))
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
            "next": next_url,
        },
        status=status,
    )


# The learner's certificates: download and transcript -------------------------------


def _unavailable(request, message, status):
    return render(
        request, "certificates/unavailable.html", {"message": message}, status=status
    )


@login_required
@require_GET
def download(request, code):
    """The learner's own certificate as a PDF attachment; anyone else gets a 404."""
    certificate = public.find_certificate(
        code,
        Certificate.objects.for_learner(request.user).select_related(
            "completion__enrolment__course"
        ),
    )
    if certificate is None:
        return _unavailable(
            request,
            _("There is no certificate of yours with this code."),
            status=404,
        )
    if certificate.status == CertificateStatus.REVOKED:
        return _unavailable(
            request,
            _(
                "This certificate was revoked on %(date)s and can no longer be "
                "downloaded. Please contact the Staff College if you have questions."
            )
            % {"date": _date(certificate.revoked_at)},
            status=410,
        )
    if not certificate.sha256 or not certificate.file:
        return _unavailable(
            request,
            _("Your certificate is still being prepared: please try again shortly."),
            status=404,
        )
    response = FileResponse(
        certificate.file.open("rb"),
        as_attachment=True,
        filename=public.download_filename(certificate),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _date(moment):
    return formats.date_format(timezone.localtime(moment), "j F Y")


@login_required
@require_GET
def transcript(request):
    """Every course the learner has completed, with hours, scores and certificates;
    prints as a clean record."""
    now = timezone.now()
    completions = list(
        CourseCompletion.objects.filter(enrolment__learner=request.user)
        .select_related("enrolment__course", "certificate")
        .order_by("-completed_at", "-pk")
    )
    rows = []
    total_hours = 0
    for completion in completions:
        certificate = getattr(completion, "certificate", None)
        state = certificate_state(certificate, now) if certificate else None
        course = completion.enrolment.course
        title = (
            certificate.course_title
            if certificate
            else (course.title if course else _("A course no longer offered"))
        )
        if state != "revoked":
            total_hours += completion.hours
        rows.append(
            {
                "completion": completion,
                "title": title,
                "course": course,
                "certificate": certificate,
                "state": state,
                "verify_url": verification_url(certificate.code) if certificate else "",
            }
        )
    return render(
        request,
        "certificates/transcript.html",
        {
            "rows": rows,
            "total_hours": total_hours,
            "counted": sum(1 for row in rows if row["state"] != "revoked"),
            "issuing_body": public.ISSUING_BODY_NAME,
            "now": now,
        },
    )


# The public verification page ------------------------------------------------------


class VerifyUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Certificate PDF"),
        help_text=gettext_lazy("A PDF file of at most %(size)s MB."),
        error_messages={"required": gettext_lazy("Choose the PDF file to check.")},
    )

    def __init__(self, *args, max_bytes, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.too_large = too_large
        if too_large:  # the upload was stopped: its file never arrived
            self.fields["file"].required = False
        self.fields["file"].help_text = self.fields["file"].help_text % {
            "size": _megabytes(max_bytes)
        }
        self.fields["file"].widget.attrs["accept"] = "application/pdf,.pdf"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if self.too_large or upload.size > self.max_bytes:
            raise forms.ValidationError(_too_large(self.max_bytes))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(
                _("This file is not a PDF. Upload the certificate as a PDF file.")
            )
        return upload


def _megabytes(size):
    return f"{size / (1024 * 1024):g}"


def _too_large(max_bytes):
    return _("The file is too large: a certificate PDF has at most %(size)s MB.") % {
        "size": _megabytes(max_bytes)
    }


def _throttled(request):
    response = render(request, "certificates/throttled.html", status=429)
    response["Retry-After"] = "60"
    return response


@require_GET
def verify_lookup(request):
    """A form to type a code from a paper certificate; sends to its page."""
    code = request.GET.get("code", "")
    if code.strip():
        candidates = public.code_candidates(code)
        if candidates:
            return redirect("certificates:verify", code=candidates[0])
    return render(request, "certificates/verify_lookup.html", {"code": code})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify(request, code):
    """Public: is the certificate with this code valid, expired or revoked, what
    does it say, and is a PDF a visitor holds the one we issued?

    An upload's size is checked before its body is read: CSRF is checked by the
    inner view, after the upload handlers are in place (as Django's documentation
    on upload handlers advises); a body far over the limit is refused unread."""
    uploading = request.method == "POST"
    scope, limit = (
        ("upload", settings.CERTIFICATE_VERIFY_UPLOADS_PER_MINUTE)
        if uploading
        else ("lookup", settings.CERTIFICATE_VERIFY_LOOKUPS_PER_MINUTE)
    )
    if public.over_limit(request, scope, limit):
        return _throttled(request)
    certificate = public.find_certificate(code)
    if certificate is None:
        return render(
            request, "certificates/verify_not_found.html", {"code": code}, status=404
        )
    max_bytes = settings.CERTIFICATE_VERIFY_MAX_BYTES
    if uploading:
        if _request_too_large(request, max_bytes):
            form = VerifyUploadForm({}, {}, max_bytes=max_bytes, too_large=True)
            form.is_valid()
            return _verify_page(request, certificate, form, status=400)
        request.upload_handlers.insert(0, public.SizeLimit(request, max_bytes))
    return _verify_upload(request, certificate, max_bytes)


@csrf_protect
def _verify_upload(request, certificate, max_bytes):
    if request.method != "POST":
        return _verify_page(request, certificate, VerifyUploadForm(max_bytes=max_bytes))
    form = VerifyUploadForm(
        request.POST,
        request.FILES,
        max_bytes=max_bytes,
        too_large=getattr(request, "upload_too_large", False),
    )
    if not form.is_valid():
        return _verify_page(request, certificate, form, status=400)
    digest = public.sha256_of(form.cleaned_data["file"])
    result, replaced_at = public.check_file(certificate, digest)
    check = {"result": result, "sha256": digest, "replaced_at": replaced_at}
    return _verify_page(
        request, certificate, VerifyUploadForm(max_bytes=max_bytes), check=check
    )


def _verify_page(request, certificate, form, *, check=None, status=200):
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "state": certificate_state(certificate, timezone.now()),
            "issuing_body": public.ISSUING_BODY_NAME,
            "form": form,
            "check": check,
            "verify_url": verification_url(certificate.code),
        },
        status=status,
    )


def _request_too_large(request, max_bytes):
    """Refuse a body far larger than the limit before reading it (the multipart
    envelope around the file is allowed some room)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_bytes + 64 * 1024
