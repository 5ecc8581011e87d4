"""Production: everything from the environment, behind a TLS-terminating proxy."""

import ipaddress
import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, STORAGES, env_bool, env_list, smtp_mailer

DEBUG = False

if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("django-insecure", "dev-only")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")


def is_loopback(host):
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def is_public_https(url):
    """An https URL whose host is neither this machine nor "any address"."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return (
        parts.scheme == "https"
        and bool(host)
        and not is_loopback(host)
        and host not in {"0.0.0.0", "::"}
        and not host.endswith(".localhost")
    )


# SERVE_PLAIN_HTTP=1: `make serve` on this machine over plain HTTP (local use,
# benchmarks), where TLS-only cookies, the HTTPS redirect and HSTS would lock the
# browser out. The real deployment never sets it; it is refused for any host name
# but loopback, so it cannot weaken a public site.
SERVE_PLAIN_HTTP = env_bool("SERVE_PLAIN_HTTP")
if SERVE_PLAIN_HTTP and not all(is_loopback(host) for host in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "SERVE_PLAIN_HTTP is for this machine only: ALLOWED_HOSTS may then list "
        "only loopback names (127.0.0.1, localhost, [::1])."
    )

# Links in emails and on certificates are made from BASE_URL, and a certificate's
# QR code, once printed, cannot be changed: it must be the site's public https
# address (`manage.py certificate_links` finds certificates issued with another).
if not SERVE_PLAIN_HTTP and not is_public_https(os.environ.get("BASE_URL", "")):
    raise ImproperlyConfigured(
        "BASE_URL must be the site's public https address (e.g. "
        "https://learning.unssc.org): certificates print it in their QR codes. "
        "Only SERVE_PLAIN_HTTP=1 (this machine) allows another."
    )

# The proxy in front terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True) and not SERVE_PLAIN_HTTP
SESSION_COOKIE_SECURE = not SERVE_PLAIN_HTTP
CSRF_COOKIE_SECURE = not SERVE_PLAIN_HTTP
SECURE_HSTS_SECONDS = (
    0 if SERVE_PLAIN_HTTP else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Django's defaults, stated because the deployment relies on them: no other site's
# window keeps a handle on ours, and scripts cannot read the session cookie.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Wagtail's live preview frames the site itself, so frames stay same-origin.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Email always goes out over SMTP: EMAIL_HOST (port 587, STARTTLS by default).
MAILERS = {"default": smtp_mailer(os.environ.get("EMAIL_HOST", "localhost"))}

STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Static files straight from the app server, hashed and compressed.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
