"""The server error page, and the page shown instead while the database is away.

A handler500 rather than a middleware: an error from the database can come from a
middleware as well as from a view (the session and the user are loaded on the way
in), and Django hands every uncaught exception, wherever it was raised, to this
handler while the exception is still being handled.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error as plain_server_error

# What the database raises when it cannot be reached (down, restarting, a dropped
# connection); its other errors are bugs, and get the usual 500 page.
DATABASE_AWAY = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    # In the language of the URL's prefix: a request answered before the locale
    # middleware ran (/healthz) would otherwise get the last request's language.
    language = translation.get_language_from_path(request.path_info)
    translation.activate(language or settings.LANGUAGE_CODE)
    if isinstance(sys.exception(), DATABASE_AWAY):
        return service_unavailable(request)
    return plain_server_error(request)


def service_unavailable(request):
    """503, rendered without the database: no request context, no user, no pages."""
    content = render_to_string("503.html", {"path": request.path})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
