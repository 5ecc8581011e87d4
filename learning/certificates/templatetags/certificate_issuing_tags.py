"""The completion panel's word from issuance: a learner who has not confirmed the
name to print is asked to (their certificate waits for it)."""

from django import template

register = template.Library()


@register.inclusion_tag("certificates/includes/name_notice.html", takes_context=True)
def certificate_name_notice(context, completion):
    """Asks the learner to confirm their printed name while the certificate of
    this completion waits for it; nothing otherwise (no query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    waiting = bool(
        completion
        and user is not None
        and user.is_authenticated
        and completion.enrolment.learner_id == user.pk
        and user.name_confirmed_at is None
    )
    return {"waiting": waiting, "next": request.get_full_path() if waiting else ""}
