"""Throttles keyed on the account and the client's address together, with a
cool-off rather than a permanent lock: one person's mistakes cannot lock out the
rest of an office behind the same address, nor can anyone elsewhere lock a learner
out of their account.

Sign-up and resend verification count every attempt; over the limit the page
answers as usual but sends nothing, so it cannot be used to flood an inbox or to
probe accounts. Logins count failures (ThrottledModelBackend) and password resets
count requests; over the limit both are refused with a 429 until the cool-off ends.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

LIMIT = 5
COOL_OFF_SECONDS = 15 * 60


def client_ip(request):
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies, the address the
    outermost one saw, read from the right of X-Forwarded-For: the entries to its
    left come from the client and prove nothing."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        addresses = [address.strip() for address in forwarded if address.strip()]
        if len(addresses) >= proxies:
            return addresses[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(request, scope, email):
    digest = hashlib.sha256(
        f"{email.strip().lower()}|{client_ip(request)}".encode()
    ).hexdigest()
    return f"accounts:throttle:{scope}:{digest}"


def count(request, scope, email):
    """Count an attempt by this account from this address; the count so far."""
    key = _key(request, scope, email)
    cache.add(key, 0, COOL_OFF_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, COOL_OFF_SECONDS)
        attempts = 1
    if attempts == LIMIT:  # the cool-off runs from the last attempt allowed
        cache.touch(key, COOL_OFF_SECONDS)
    return attempts


def throttled(request, scope, email):
    """Count this attempt; True when it is over the limit."""
    return count(request, scope, email) > LIMIT


def used_up(request, scope, email):
    """True when this account has no attempts left from this address (nothing is
    counted)."""
    return (cache.get(_key(request, scope, email)) or 0) >= LIMIT


def forget(request, scope, email):
    cache.delete(_key(request, scope, email))
