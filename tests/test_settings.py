"""Production settings: `check --deploy` is clean; a half-configured deployment refuses to start."""

import os
import secrets
import subprocess
import sys

import pytest

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "childfirst.config.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DATABASE_URL": "postgres://childfirst@db.invalid:5432/childfirst",
    "DJANGO_ALLOWED_HOSTS": "childfirst.example.police.uk",
}


def run_django(*args: str, env_overrides: dict[str, str | None]) -> subprocess.CompletedProcess[str]:
    # A production-like environment: none of the test run's own variables (e.g. DJANGO_ALLOW_ASYNC_UNSAFE,
    # which the browser tests need and `check --deploy` rightly rejects).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CHILDFIRST_"))}
    for key, value in env_overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = run_django("check", "--deploy", "--fail-level", "WARNING", env_overrides=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "DJANGO_SECRET_KEY"),
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "PostgreSQL"),
    ],
)
def test_production_refuses_to_start_half_configured(override, message):
    result = run_django("check", env_overrides={**PROD_ENV, **override})
    assert result.returncode != 0
    assert message in result.stderr
