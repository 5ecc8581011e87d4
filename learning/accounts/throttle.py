"""A small throttle for pages that send email to an address someone types in
(sign-up, resend verification, password reset), keyed on the address and the
client's IP together, with a cool-off. Over the limit the page answers as usual but
sends nothing, so it cannot be used to flood an inbox or to probe accounts."""

import hashlib

from django.core.cache import cache

LIMIT = 5
COOL_OFF_SECONDS = 15 * 60


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def throttled(request, scope, email):
    """Count this attempt; True when it is over the limit."""
    digest = hashlib.sha256(
        f"{email.strip().lower()}|{client_ip(request)}".encode()
    ).hexdigest()
    key = f"accounts:throttle:{scope}:{digest}"
    cache.add(key, 0, COOL_OFF_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, COOL_OFF_SECONDS)
        count = 1
    return count > LIMIT
