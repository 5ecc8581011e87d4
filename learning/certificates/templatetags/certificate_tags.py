"""The learner's certificate on the dashboard and in the course's completion panel:
download, verification link to copy, and LinkedIn's "add certification" link.

Progress templates load this library (progress never imports certificates).
Progress loads the certificates with the learner's completions (the
``load_with_completions`` hook), so ``{% certificate_actions state.completion %}``
reads its certificate without a query.
"""

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from ..models import Certificate, CertificateStatus
from ..public import linkedin_url
from ..rendering import verification_url
from ..services import certificate_state

register = template.Library()


def certificate_of(completion):
    """The completion's certificate or None (cached on the completion)."""
    if completion is None:
        return None
    try:
        return completion.certificate
    except Certificate.DoesNotExist:
        return None


@register.inclusion_tag(
    "certificates/includes/certificate_actions.html", takes_context=True
)
def certificate_actions(context, completion, show_expiry=True):
    """Download, copy the verification link, add to LinkedIn; or say why not."""
    request = context.get("request")
    user = getattr(request, "user", None)
    certificate = certificate_of(completion)
    if (
        certificate is None
        or user is None
        or completion.enrolment.learner_id != user.pk
    ):
        return {
            "certificate": None,
            "preparing": bool(
                certificate is None
                and user is not None
                and user.is_authenticated
                and user.name_confirmed_at is not None
                and completion is not None
                and completion.enrolment.learner_id == user.pk
            ),
        }
    state = certificate_state(certificate, timezone.now())
    ready = bool(certificate.sha256) and certificate.status != CertificateStatus.REVOKED
    preparing = not certificate.sha256 and state != "revoked"
    verify = verification_url(certificate.code)
    return {
        "certificate": certificate,
        "state": state,
        "show_expiry": show_expiry,
        "ready": ready,
        "preparing": preparing,
        "verify_url": verify,
        "linkedin_url": linkedin_url(certificate, verify) if ready else "",
        # The rendered actions are cached under everything they show.
        "fingerprint": (
            certificate.pk,
            certificate.code,
            certificate.course_title,
            certificate.completed_at,
            certificate.expires_at,
            certificate.revoked_at,
            state,
            ready,
            preparing,
            show_expiry,
            verify,
            get_language(),
        ),
    }
