from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, register_converter
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import audit_log
from .accounts import urls as accounts_urls
from .converters import IdConverter

# Registered before the apps' URLs are included: they use <id:...>.
register_converter(IdConverter, "id")

# A friendly 503 while the database is away, the plain 500 page otherwise.
handler500 = "learning.errors.server_error"

urlpatterns = [
    # Wagtail's site history, narrowed to what each person may see (audit_log.py).
    path("admin/reports/site-history/", include(audit_log.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    *accounts_urls.login_urlpatterns,
    path("accounts/", include("learning.accounts.urls")),
    path("accounts/", include("learning.privacy.urls")),
    path("", include("assessments.urls")),
    path("", include("learning.progress.urls")),
    path("certificates/", include("learning.certificates.urls")),
    path("reports/", include("learning.reports.urls")),
    # Wagtail's page serving comes last: it matches every remaining path.
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
