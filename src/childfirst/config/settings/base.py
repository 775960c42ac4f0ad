"""Settings shared by every environment.

Everything that differs between machines is read from the environment. Defaults are the safe
choice: DEBUG off, no allowed hosts beyond localhost, secure cookies in production.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

# src/childfirst/config/settings/base.py -> repository root is four parents up from this file's folder.
PACKAGE_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = PACKAGE_DIR.parents[1]
VAR_DIR = Path(os.environ.get("CHILDFIRST_VAR_DIR", BASE_DIR / "var"))

# Real public data (data.police.uk, Census 2021) lives beside the repository, never inside it.
SHARED_DATA_DIR = Path(os.environ.get("CHILDFIRST_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "rules.apps.AutodiscoverRulesConfig",
    # ChildFirst bounded contexts
    "childfirst.core",
    "childfirst.people",
    "childfirst.encounters",
    "childfirst.custody",
    "childfirst.opendata",
    "childfirst.analytics",
    "childfirst.api",
    "childfirst.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "childfirst.config.urls"
WSGI_APPLICATION = "childfirst.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "childfirst.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'childfirst.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:sign-in"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"  # shown to people; stored in UTC (USE_TZ)
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# GOV.UK Frontend is installed from npm at build time (`make install`), never copied into the repo.
STATICFILES_DIRS = [("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk")]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "childfirst.api.authentication.ProfileTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "childfirst.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ChildFirst API",
    "DESCRIPTION": "Child First records, safeguards and analytics. "
    "Every read of a child's record is audited.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Choice sets used by more than one serializer field get one stable name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "SensitiveBasisEnum": "childfirst.people.choices.SensitiveBasis",
        "Schedule8ConditionEnum": "childfirst.people.choices.Schedule8Condition",
        "YesNoNotNeededEnum": "childfirst.encounters.choices.YesNoNotNeeded",
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one shift
CSRF_COOKIE_HTTPONLY = False  # GOV.UK forms post normally; the API uses tokens
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Analytics store for open data (DuckDB file). Operational data never goes here un-pseudonymised.
OPENDATA_DB = Path(os.environ.get("CHILDFIRST_OPENDATA_DB", VAR_DIR / "opendata.duckdb"))

# The force this deployment serves; per-force policy switches for the lawbook are read from here.
CHILDFIRST_FORCE = os.environ.get("CHILDFIRST_FORCE", "metropolitan")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "childfirst": {"handlers": ["console"], "level": os.environ.get("CHILDFIRST_LOG_LEVEL", "INFO")}
    },
}

# Custody board: how often it refreshes itself, how soon before a review it turns "due soon", and
# which suites (by code) are evaluated as pilots in the measures, beside suites flagged in the data.
CUSTODY_BOARD_REFRESH_SECONDS = int(os.environ.get("CHILDFIRST_CUSTODY_BOARD_REFRESH_SECONDS", "60"))
CUSTODY_REVIEW_WARNING_MINUTES = int(os.environ.get("CHILDFIRST_CUSTODY_REVIEW_WARNING_MINUTES", "60"))
CUSTODY_PILOT_SUITES = env_list("CHILDFIRST_CUSTODY_PILOT_SUITES")

# Audit log: how many independent hash chains concurrent PostgreSQL writers spread over (ADR 0004).
CHILDFIRST_AUDIT_CHAINS = int(os.environ.get("CHILDFIRST_AUDIT_CHAINS", "16"))
