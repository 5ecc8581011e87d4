from django.middleware.locale import LocaleMiddleware

# Paths that live outside the language-prefixed site (see learning/urls.py).
UNPREFIXED = ("/admin/", "/documents/", "/healthz")


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 outside the language-prefixed
    site stays a 404: Wagtail's catch-all page route would otherwise make Django
    redirect `/admin/missing/` to `/en/admin/missing/` first."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
