from django.conf import settings
from django.middleware import csp
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render

from .views import healthz

ADMIN = "/admin/"
# Paths that live outside the language-prefixed site (see learning/urls.py).
UNPREFIXED = (ADMIN, "/documents/")
HEALTHZ = "/healthz"


class HealthCheckMiddleware:
    """Answers `/healthz` before the session and the user are loaded: a monitor's
    probe must get its JSON answer, and a 503 from it during a database outage,
    even when it carries a session cookie (loading that user would fail first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTHZ:
            return healthz(request)
        return self.get_response(request)


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 outside the language-prefixed
    site stays a 404: Wagtail's catch-all page route would otherwise make Django
    redirect `/admin/missing/` to `/en/admin/missing/` first."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    """Django's CSP middleware: SECURE_CSP everywhere but under /admin/, where
    Wagtail's admin (and its previews of pages) gets SECURE_CSP_ADMIN. A view may
    still choose its own with Django's @csp_override."""

    def process_response(self, request, response):
        if request.path_info.startswith(ADMIN) and not hasattr(response, "_csp_config"):
            # The attribute Django's @csp_override sets on a view's response.
            response._csp_config = settings.SECURE_CSP_ADMIN
        return super().process_response(request, response)


class RefuseNulBytesMiddleware:
    """A 400 for a path or query string with a NUL byte in it: no text a person
    types has one, and PostgreSQL refuses to compare text holding one, so a search,
    a filter or a code carrying it would otherwise end in a 500. Forms refuse it on
    their own (Django's fields do); the body is not read here, so that views may
    still set their upload handlers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return render(request, "400.html", status=400)
        return self.get_response(request)
