"""`manage.py check --deploy` in a fresh process with production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def deploy_check(tmp_path, **extra_env):
    """Only what a production server sets: no DJANGO_DEBUG, none of the test overrides."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "klinika.example.lt",
        "DJANGO_VAR_DIR": str(tmp_path),
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path):
    result = deploy_check(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # The one silenced check: HSTS preload, off until the clinic chooses it.
    assert "System check identified no issues (1 silenced)." in output


def test_deploy_check_flags_a_plain_http_setup(tmp_path):
    """The check above can fail: turning HTTPS off in production is reported."""
    result = deploy_check(
        tmp_path, DJANGO_SECURE_SSL_REDIRECT="false", DJANGO_SESSION_COOKIE_SECURE="false"
    )
    assert result.returncode != 0
    assert "security.W008" in result.stderr
    assert "security.W012" in result.stderr
