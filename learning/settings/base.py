"""Settings shared by every environment; what differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from wagtail.embeds.oembed_providers import vimeo, youtube

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "learning"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "learning.accounts",
    "courses",
    "assessments",
    "learning.progress",
    "learning.certificates",
    "learning.reports",
    "learning.privacy",
    "learning.demo",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "learning.accounts.apps.WagtailUsersConfig",  # wagtail.users, our user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail_localize",
    "wagtail_localize.locales",  # Wagtail's locales admin, with synchronisation
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

# The security headers come first, so that every response carries them, /healthz's
# too: it is answered before the session and the user are loaded.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "learning.middleware.ContentSecurityPolicyMiddleware",
    "learning.middleware.HealthCheckMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "learning.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "learning.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "learning.middleware.RefuseNulBytesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content-Security-Policy. The learner site runs no inline script or style: only
# the site's own files, and video players from the providers authors may embed.
# Wagtail's admin still needs inline scripts and styles (and eval in places), so
# /admin/ gets a policy of its own (learning.middleware).
VIDEO_PLAYERS = ["https://www.youtube.com", "https://player.vimeo.com"]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, *VIDEO_PLAYERS],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
SECURE_CSP_ADMIN = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "base-uri": [CSP.SELF],
}

ROOT_URLCONF = "learning.urls"
WSGI_APPLICATION = "learning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE avoids "database is locked" when two writers upgrade read locks.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Django's backend with failed logins throttled per account and address.
AUTHENTICATION_BACKENDS = ["learning.accounts.backends.ThrottledModelBackend"]
# How many proxies of ours stand in front of the app server (TLS proxy, load
# balancer), each appending the address it saw to X-Forwarded-For: throttles then
# key on the address the outermost one saw. 0: the client connects directly, and
# X-Forwarded-For (which anyone can write) is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Sign-up: SIGNUP_OPEN=false closes it; SIGNUP_ALLOWED_EMAIL_DOMAINS="un.org,undp.org"
# limits it to those domains and their subdomains (empty: any domain).
SIGNUP_OPEN = env_bool("SIGNUP_OPEN", True)
SIGNUP_ALLOWED_EMAIL_DOMAINS = env_list("SIGNUP_ALLOWED_EMAIL_DOMAINS")
EMAIL_VERIFICATION_TIMEOUT_DAYS = int(
    os.environ.get("EMAIL_VERIFICATION_TIMEOUT_DAYS", "7")
)
INVITATION_TIMEOUT_DAYS = int(os.environ.get("INVITATION_TIMEOUT_DAYS", "30"))
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English and French first; Wagtail's i18n is on from the start.
# Arabic is an interface language only (chrome translated, right-to-left): its
# pages show the default locale's content (learning/languages.py).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
WAGTAIL_CONTENT_LANGUAGES = [("en", _("English")), ("fr", _("French"))]
WAGTAIL_I18N_ENABLED = True
# A translation started in the admin stays a draft until its translator publishes
# it: each language is published on its own schedule (the page meanwhile shows the
# source language, with a notice).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files that name learners (report exports): never under MEDIA_URL, served only
# through views that check who asks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Cache: CACHE_URL (redis://host:6379/1) shares one Redis among every web and worker
# process (throttles count across them) and fails soft when it is down; unset, each
# process keeps its own cache in memory.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "learning.cache.FailSoftRedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Each process's own memory, read without a round trip, for what needs no
    # invalidation across processes: rendered HTML whose key names the version of
    # everything in it (a lesson's published revision, an outline's steps and
    # states), and hints that may be a few minutes stale (the header's admin link).
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "local",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# Sessions live in the database and, with a shared cache, are read through it: a
# query fewer on every signed-in page. A cached copy lives five minutes at most, so
# a logout whose cache delete was lost while Redis was unreachable outlasts it by
# no more than that. (A per-process cache could not see a logout in another.)
SESSION_ENGINE = "django.contrib.sessions.backends.db"
if CACHE_URL:
    CACHES["sessions"] = {
        "BACKEND": "learning.cache.FailSoftRedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "sessions",
        "MAX_TIMEOUT": 300,
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"

# Email: SMTP when EMAIL_HOST is set, otherwise printed to the console.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "UN System Staff College <learning@unssc.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def smtp_mailer(host):
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": host,
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
            "timeout": 10,
        },
    }


MAILERS = {
    "default": (
        smtp_mailer(os.environ["EMAIL_HOST"])
        if os.environ.get("EMAIL_HOST")
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}

# Celery: without a broker, tasks run eagerly in-process (the embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "learning")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

WAGTAIL_SITE_NAME = "UN System Staff College Learning"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Videos come from the players the Content-Security-Policy lets learners' browsers
# load: an author pasting another provider's link is told so in the editor.
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [youtube, vimeo]}
]
# The admin asks no third party anything: no avatars from Gravatar, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# 50 megapixels: more than any photograph a lesson needs, and a cap on the memory a
# small file that decompresses into a huge image could take.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents must also be what their extension says (courses/forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.forms.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TAGGIT_CASE_INSENSITIVE = True
# Complex course pages exceed Django's default of 1000 form fields in the editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
LOGGING["loggers"] = {
    # Wagtail's background tasks log every run at INFO; only problems matter here.
    "django_tasks": {"level": "WARNING"},
    # WeasyPrint narrates each step of every certificate render at INFO.
    "weasyprint": {"level": "WARNING"},
    "fontTools": {"level": "WARNING"},
}

# Periodic jobs, run by `celery -A learning beat`.
CELERY_BEAT_SCHEDULE = {
    "close-abandoned-quiz-attempts": {
        "task": "assessments.tasks.close_abandoned_attempts",
        "schedule": 60.0,
    },
    "send-assignment-reminders": {
        "task": "learning.progress.tasks.send_assignment_reminders",
        "schedule": 3600.0,
    },
    "send-certificate-expiry-reminders": {
        "task": "learning.certificates.tasks.send_certificate_expiry_reminders",
        "schedule": 86400.0,
    },
    "delete-expired-report-exports": {
        "task": "learning.reports.tasks.delete_expired_report_exports",
        "schedule": 3600.0,
    },
    "sweep-missing-certificates": {
        "task": "learning.certificates.tasks.sweep_missing_certificates",
        "schedule": 300.0,
    },
    # Admin jobs whose task could not be queued (the broker away) are queued again
    # a few minutes later, and failed after an hour (learning/tasks_queue.py).
    "sweep-waiting-report-exports": {
        "task": "learning.reports.tasks.sweep_waiting_report_exports",
        "schedule": 300.0,
    },
    "sweep-waiting-enrolment-imports": {
        "task": "learning.progress.tasks.sweep_waiting_enrolment_imports",
        "schedule": 300.0,
    },
    "sweep-waiting-regenerations": {
        "task": "learning.certificates.tasks.sweep_waiting_regenerations",
        "schedule": 300.0,
    },
    # Hourly; each subscription's claim decides whether its week is up.
    "send-weekly-reports": {
        "task": "learning.reports.tasks.send_weekly_reports",
        "schedule": 3600.0,
    },
}
# Certificate issuance: a render taking longer than the soft limit (seconds) is
# stopped and retried, up to CERTIFICATE_ISSUE_MAX_RETRIES times with backoff; the
# hard limit kills a render that ignores the soft one. Every 5 minutes, completions
# older than CERTIFICATE_SWEEP_AFTER_MINUTES still without their certificate are
# queued again, at most CERTIFICATE_SWEEP_BATCH per run.
CERTIFICATE_RENDER_SOFT_TIME_LIMIT = int(
    os.environ.get("CERTIFICATE_RENDER_SOFT_TIME_LIMIT", "60")
)
CERTIFICATE_RENDER_TIME_LIMIT = int(
    os.environ.get("CERTIFICATE_RENDER_TIME_LIMIT", "90")
)
CERTIFICATE_ISSUE_MAX_RETRIES = int(
    os.environ.get("CERTIFICATE_ISSUE_MAX_RETRIES", "5")
)
CERTIFICATE_SWEEP_AFTER_MINUTES = int(
    os.environ.get("CERTIFICATE_SWEEP_AFTER_MINUTES", "5")
)
CERTIFICATE_SWEEP_BATCH = int(os.environ.get("CERTIFICATE_SWEEP_BATCH", "500"))
# A ZIP of certificates downloaded from the admin holds at most this many PDFs.
CERTIFICATE_ZIP_MAX_FILES = int(os.environ.get("CERTIFICATE_ZIP_MAX_FILES", "2000"))
# Learners hear about an assignment this many days before it is due (then once more
# when it is overdue).
ASSIGNMENT_REMINDER_DAYS_BEFORE = int(
    os.environ.get("ASSIGNMENT_REMINDER_DAYS_BEFORE", "3")
)
# Certificates that expire: learners may re-certify (start a new cycle of the course)
# this many days before expiry, and are reminded on each of these days before it.
RECERTIFY_WINDOW_DAYS = int(os.environ.get("RECERTIFY_WINDOW_DAYS", "30"))
CERTIFICATE_EXPIRY_REMINDER_DAYS = os.environ.get(
    "CERTIFICATE_EXPIRY_REMINDER_DAYS", "30,7"
)
# The public verification page: the largest PDF a visitor may upload to check it,
# and how many look-ups and uploads one address may make per minute. LinkedIn's
# "add certification" link names the Staff College by its LinkedIn page id when set.
CERTIFICATE_VERIFY_MAX_BYTES = int(
    os.environ.get("CERTIFICATE_VERIFY_MAX_BYTES", str(5 * 1024 * 1024))
)
CERTIFICATE_VERIFY_LOOKUPS_PER_MINUTE = int(
    os.environ.get("CERTIFICATE_VERIFY_LOOKUPS_PER_MINUTE", "30")
)
CERTIFICATE_VERIFY_UPLOADS_PER_MINUTE = int(
    os.environ.get("CERTIFICATE_VERIFY_UPLOADS_PER_MINUTE", "10")
)
CERTIFICATE_LINKEDIN_ORGANIZATION_ID = os.environ.get(
    "CERTIFICATE_LINKEDIN_ORGANIZATION_ID", ""
)
# A submission this long after a quiz's time limit still counts (network delays).
QUIZ_SUBMIT_GRACE_SECONDS = 30

# Report exports: up to this many rows stream in the response; more are written by
# a Celery job, whose file its requester may download for this many hours.
REPORT_EXPORT_INLINE_ROWS = int(os.environ.get("REPORT_EXPORT_INLINE_ROWS", "5000"))
REPORT_EXPORT_LINK_HOURS = int(os.environ.get("REPORT_EXPORT_LINK_HOURS", "24"))

# Bulk enrolment files: limits, and the size above which Celery checks and applies them.
ENROLMENT_IMPORT_MAX_ROWS = int(os.environ.get("ENROLMENT_IMPORT_MAX_ROWS", "10000"))
ENROLMENT_IMPORT_MAX_BYTES = int(
    os.environ.get("ENROLMENT_IMPORT_MAX_BYTES", str(5 * 1024 * 1024))
)
ENROLMENT_IMPORT_INLINE_ROWS = int(
    os.environ.get("ENROLMENT_IMPORT_INLINE_ROWS", "200")
)
