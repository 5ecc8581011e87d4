"""Production settings refuse to start with an unsafe configuration."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAFE_KEY = "k" * 20 + "-production-secret-key-of-sufficient-length-0123456789"


def run_manage(*args, **env):
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
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE="learning.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


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
