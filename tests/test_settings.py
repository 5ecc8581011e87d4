"""Production settings refuse to start with an unsafe configuration."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAFE_KEY = "k" * 20 + "-production-secret-key-of-sufficient-length-0123456789"


def run_python(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        # A deployment's environment: none of the test run's own switches.
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "SERVE_PLAIN_HTTP",
            "CACHE_URL",
            "BASE_URL",
        }
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="learning.settings.production",
        BASE_URL="https://learning.unssc.org",
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args, **env):
    return run_python("manage.py", *args, **env)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", ALLOWED_HOSTS="learning.unssc.org")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_key_and_short_keys():
    for key in ("dev-only-insecure-key-never-use-in-production" * 2, "short"):
        result = run_manage("check", SECRET_KEY=key, ALLOWED_HOSTS="a.example")
        assert result.returncode != 0
        assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", SECRET_KEY=SAFE_KEY)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_passes_the_deployment_checklist_behind_a_tls_proxy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=SAFE_KEY,
        ALLOWED_HOSTS="learning.unssc.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "base_url",
    [
        "",
        "http://learning.unssc.org",
        "https://127.0.0.1:8000",
        "https://localhost",
        "https://[::1]/",
        "https://0.0.0.0",
        "learning.unssc.org",
    ],
)
def test_production_refuses_a_base_url_that_is_not_a_public_https_address(base_url):
    result = run_manage(
        "check",
        "--deploy",
        SECRET_KEY=SAFE_KEY,
        ALLOWED_HOSTS="learning.unssc.org",
        BASE_URL=base_url,
    )

    assert result.returncode != 0
    assert "BASE_URL must be the site's public https address" in result.stderr


def production_settings(*names, **env):
    """The values of `names` in production settings loaded with `env` (the module
    Django would load, imported alone: a tenth of the time of manage.py)."""
    code = (
        "import json; import learning.settings.production as settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run_python("-c", code, SECRET_KEY=SAFE_KEY, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


TLS_ONLY = (
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
)


@pytest.mark.parametrize("plain_http", [{}, {"SERVE_PLAIN_HTTP": "0"}])
def test_production_is_tls_only_unless_serve_plain_http_is_set(plain_http):
    values = production_settings(
        *TLS_ONLY, ALLOWED_HOSTS="127.0.0.1,localhost", **plain_http
    )

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }


def test_serve_plain_http_lifts_only_the_tls_requirements_on_loopback():
    values = production_settings(
        *TLS_ONLY,
        "DEBUG",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
        ALLOWED_HOSTS="127.0.0.1,localhost,[::1]",
        SERVE_PLAIN_HTTP="1",
    )

    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
        "DEBUG": False,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "SAMEORIGIN",
    }


def test_serve_plain_http_allows_this_machines_base_url():
    values = production_settings(
        "WAGTAILADMIN_BASE_URL",
        ALLOWED_HOSTS="127.0.0.1",
        SERVE_PLAIN_HTTP="1",
        BASE_URL="http://127.0.0.1:8000",
    )

    assert values == {"WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000"}


def test_serve_plain_http_is_refused_for_a_public_host_name():
    result = run_manage(
        "check",
        SECRET_KEY=SAFE_KEY,
        ALLOWED_HOSTS="127.0.0.1,learning.unssc.org",
        SERVE_PLAIN_HTTP="1",
    )

    assert result.returncode != 0
    assert "SERVE_PLAIN_HTTP is for this machine only" in result.stderr


def test_cache_url_selects_the_shared_redis_cache_that_fails_soft():
    shared = production_settings(
        "CACHES", ALLOWED_HOSTS="a.example", CACHE_URL="redis://cache:6379/1"
    )
    local = production_settings("CACHES", ALLOWED_HOSTS="a.example")

    assert shared["CACHES"]["default"] == {
        "BACKEND": "learning.cache.FailSoftRedisCache",
        "LOCATION": "redis://cache:6379/1",
    }
    assert local["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


def test_with_a_shared_cache_sessions_are_read_through_it_for_five_minutes_at_most():
    names = ("SESSION_ENGINE", "SESSION_CACHE_ALIAS", "CACHES")
    shared = production_settings(
        *names, ALLOWED_HOSTS="a.example", CACHE_URL="redis://cache:6379/1"
    )
    local = production_settings("SESSION_ENGINE", ALLOWED_HOSTS="a.example")

    assert shared["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    sessions = shared["CACHES"][shared["SESSION_CACHE_ALIAS"]]
    assert sessions["BACKEND"] == "learning.cache.FailSoftRedisCache"
    assert sessions["LOCATION"] == "redis://cache:6379/1"
    assert sessions["MAX_TIMEOUT"] == 300
    # Without a shared cache, a logout in one process must end the session in all.
    assert local["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def production_responses(**env):
    """Headers of /healthz served by production settings: over plain HTTP, then
    over HTTPS as the TLS proxy reports it (an in-memory database answers)."""
    code = (
        "import json, django; django.setup(); "
        "from django.test import Client; "
        "client = Client(HTTP_HOST='learning.unssc.org'); "
        "plain = client.get('/healthz'); "
        "tls = client.get('/healthz', HTTP_X_FORWARDED_PROTO='https'); "
        "print(json.dumps([[r.status_code, dict(r.headers)] for r in (plain, tls)]))"
    )
    result = run_python(
        "-c",
        code,
        SECRET_KEY=SAFE_KEY,
        ALLOWED_HOSTS="learning.unssc.org",
        DATABASE_URL="sqlite://:memory:",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_redirects_to_https_and_sends_the_security_headers():
    (plain_status, plain), (tls_status, tls) = production_responses()

    assert plain_status == 301
    assert plain["Location"] == "https://learning.unssc.org/healthz"
    assert tls_status == 200
    assert tls["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert tls["X-Content-Type-Options"] == "nosniff"
    assert tls["Referrer-Policy"] == "same-origin"
    assert tls["Cross-Origin-Opener-Policy"] == "same-origin"
    assert tls["X-Frame-Options"] == "SAMEORIGIN"
    assert "script-src 'self';" in tls["Content-Security-Policy"]
