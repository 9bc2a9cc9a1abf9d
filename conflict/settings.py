"""Settings for the conflict-claims project.

Everything that differs between a laptop and production comes from the environment:
``DATABASE_URL``, ``SECRET_KEY``, ``DEBUG`` and ``ALLOWED_HOSTS``. With none of them set
the project refuses to start (no secret key); ``DEBUG=1`` alone gives a working
development setup on a SQLite file in the project root.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean from the environment; anything but a known spelling is an error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false).")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=1 for development."
        )
    # Development only: never used when DEBUG is off.
    SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"
elif not DEBUG and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")
):
    # The same test as `check --deploy` (security.W009), made fatal: a guessable key signs
    # sessions and CSRF tokens.
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: use at least 50 random characters, e.g. from "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "conflict",
    "api",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Cache-Control: private and Vary: Authorization, Cookie on answers to editors.
    "api.middleware.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Lets history record who made a change in the admin (the API sets it per request too).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:
    # Static files (admin, API docs) served by the app itself, from STATIC_ROOT (run
    # collectstatic); with DEBUG on, runserver serves them.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "conflict.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "conflict.wsgi.application"
ASGI_APPLICATION = "conflict.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Connections kept between requests: opening one costs PostgreSQL a few milliseconds,
        # more than a whole detail request; the health check replaces one that has dropped.
        # CONN_MAX_AGE=0 closes after every request (behind a transaction-mode pooler).
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent requests on SQLite: WAL lets readers run beside the writer, IMMEDIATE takes
    # the write lock when a transaction starts (no deadlocked upgrade from a read), and the
    # busy timeout makes a writer wait its turn instead of failing with "database is locked".
    # Each connection (one per thread, kept CONN_MAX_AGE) caches 16 MiB of pages instead of
    # SQLite's 2: the rows a filter visits stay in memory between requests.
    sqlite_cache_kib = int(os.environ.get("SQLITE_CACHE_MB", "16")) * 1024
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA cache_size=-{sqlite_cache_kib};",
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        }
    )
    # Django's SQLite backend, remembering each query's placeholder rewrite (see its module).
    DATABASES["default"]["ENGINE"] = "conflict.sqlite_backend"
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # A write waits at most DB_LOCK_TIMEOUT seconds for a lock (as SQLite's busy timeout), then
    # the API answers 503 with Retry-After (api/errors.py) instead of tying a worker up.
    lock_timeout_ms = int(float(os.environ.get("DB_LOCK_TIMEOUT", "20")) * 1000)
    # The planner, for this API's queries (each reads a page, a detail or a chunk of an export
    # by ids, many requests at once) on data held in memory, as a dataset of millions of
    # claims is. PostgreSQL's defaults are for one large query on a spinning disk: it ran a
    # page's nested links with two parallel workers (16 ms, against 1 ms of work: starting
    # workers costs more than the work), and read an export chunk's nested rows by 2,000 ids
    # with a parallel sequential scan of the whole table, as random reads cost it 4x a
    # sequential one (export chunks 207 -> 150 ms at 1M claims). Workers also take the cores
    # other requests need. Set PG_PARALLEL_WORKERS and PG_RANDOM_PAGE_COST to change either.
    parallel_workers = int(os.environ.get("PG_PARALLEL_WORKERS", "0"))
    random_page_cost = float(os.environ.get("PG_RANDOM_PAGE_COST", "1.1"))
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c lock_timeout={lock_timeout_ms} "
        f"-c max_parallel_workers_per_gather={parallel_workers} "
        f"-c random_page_cost={random_page_cost}"
    )
    # The API's fixed queries by lists of ids (a page's rows and nested summaries, a detail:
    # api.prepared) are prepared on the server after their second run on a connection, so
    # PostgreSQL plans each once instead of on every request (a claims page 9.5 -> 6.0 ms).
    # Every other query keeps Django's client-side binding, planned for its own values. Set
    # PG_PREPARED_STATEMENTS=0 behind a pooler that cannot hold them (pgbouncer's
    # transaction mode before 1.21).
    if env_bool("PG_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 2

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Production security; each can be set from the environment, and defaults to on unless
# DEBUG. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=1 (the proxy must
# set X-Forwarded-Proto) so redirects and secure cookies see the request as https.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# History (django-simple-history): reasons can be longer than 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = False

# Throttle counts, download slots and the admin's failed logins live in the default cache,
# which every worker must see: counts kept per process would give each worker (and each new
# connection that lands on another one) its own allowance. Redis when REDIS_URL is set (several
# machines); otherwise files in CACHE_DIR, shared by the processes of this machine.
CACHE_DIR = Path(os.environ.get("CACHE_DIR") or BASE_DIR / "var" / "cache")
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's, with the throttles' allowances updated atomically (conflict.cache).
            "BACKEND": "conflict.cache.SharedRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "conflict.cache.SharedFileCache",
            "LOCATION": str(CACHE_DIR),
            # One entry per client address, culled past MAX_ENTRIES (a listing of the
            # directory, at most once every CULL_INTERVAL seconds per process).
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_INTERVAL": 5},
        }
    }

# The aggregates over the whole record (tolls, incident counts) are kept in the cache per data
# version (conflict.versioned), this many seconds at most; 0 computes them on every request.
AGGREGATE_CACHE_SECONDS = int(os.environ.get("AGGREGATE_CACHE_SECONDS", str(24 * 3600)))

# How many proxies in front of the app append to X-Forwarded-For. 0 (the default) uses the
# socket's address: a client-supplied X-Forwarded-For is then ignored, so it cannot buy itself
# a fresh throttle allowance. Behind one nginx set NUM_PROXIES=1.
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))
if NUM_PROXIES < 0:
    raise ImproperlyConfigured(f"NUM_PROXIES={NUM_PROXIES} must be 0 or more.")

# The data package (GET /api/v1/datapackage.zip) is built once per data version into this
# directory and served from the file; at most PACKAGE_DOWNLOADS downloads run at once
# (PACKAGE_DOWNLOADS_PER_CLIENT per client address): beyond that a 503 (or 429) with
# Retry-After, so slow downloads cannot hold every thread.
PACKAGE_CACHE_DIR = Path(os.environ.get("PACKAGE_CACHE_DIR") or BASE_DIR / "var" / "packages")
PACKAGE_DOWNLOADS = int(os.environ.get("PACKAGE_DOWNLOADS", "4"))
PACKAGE_DOWNLOADS_PER_CLIENT = int(os.environ.get("PACKAGE_DOWNLOADS_PER_CLIENT", "2"))

# Whole-collection exports (/export/) stream for as long as the client reads: the same kind
# of bound, per client address and overall (a 429 / 503 with Retry-After beyond it).
EXPORT_DOWNLOADS = int(os.environ.get("EXPORT_DOWNLOADS", "4"))
EXPORT_DOWNLOADS_PER_CLIENT = int(os.environ.get("EXPORT_DOWNLOADS_PER_CLIENT", "2"))

# Failed admin logins allowed per client address and username, per minute (then refused
# with a 429 until the minute has passed).
ADMIN_LOGIN_FAILURES_PER_MINUTE = int(os.environ.get("ADMIN_LOGIN_FAILURES_PER_MINUTE", "5"))

# Request bodies above this are refused (413 from the API, 400 from Django elsewhere).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024))
# The longest article text ingestion accepts, in characters (a 400 naming `body` above it).
# Keep it under DATA_UPLOAD_MAX_MEMORY_SIZE (JSON may spend up to 6 bytes on a character).
INGEST_MAX_BODY_CHARS = int(os.environ.get("INGEST_MAX_BODY_CHARS", 200_000))
# Ingest from a URL (conflict/fetching.py): loopback, private and link-local addresses are
# refused unless this is on (tests serve pages on 127.0.0.1); and the page's limits.
INGEST_ALLOW_PRIVATE_HOSTS = env_bool("INGEST_ALLOW_PRIVATE_HOSTS", default=False)
INGEST_FETCH_TIMEOUT = float(os.environ.get("INGEST_FETCH_TIMEOUT", "10"))
INGEST_FETCH_MAX_BYTES = int(os.environ.get("INGEST_FETCH_MAX_BYTES", 5 * 1024 * 1024))
INGEST_FETCH_MAX_REDIRECTS = int(os.environ.get("INGEST_FETCH_MAX_REDIRECTS", "5"))
# Ingest jobs on a queue (conflict/queue.py): a Redis URL turns it on (the API answers 202
# with the job; run manage.py ingest_worker); empty, ingests run inline in the request.
INGEST_QUEUE_URL = os.environ.get("INGEST_QUEUE_URL", "")
INGEST_QUEUE_NAME = os.environ.get("INGEST_QUEUE_NAME", "ingest")

# `manage.py loaddata seed` finds the curated fixture here.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

REST_FRAMEWORK = {
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "VERSION_PARAM": "version",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageOrCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "api.filterset_backend.FilterSetBackend",
        "api.filters.SearchFilter",
        "api.filters.OrderingFilter",
        "api.visibility.StatusFilter",
        "api.updated_since.UpdatedSinceFilter",
    ],
    # Token first: an anonymous write is then a 401 whose WWW-Authenticate names "Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.EditorsWriteOthersRead"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],  # writes are JSON only
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("THROTTLE_ANON", "120/minute"),
        "user": os.environ.get("THROTTLE_USER", "600/minute"),
    },
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Conflict Claims API",
    "DESCRIPTION": (
        "War reporting as structured, attributed data: articles, the claims they carry "
        "(who said what, where in the text, who contradicts it), actors, places, incidents "
        "and the losses claimed."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "OAS_VERSION": "3.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Relative: Swagger's "Try it out" calls the host and port the docs were served from
    # (`make serve PORT=8123`, a deployment); a generated client is given its own base URL.
    "SERVERS": [{"url": "/", "description": "the server this schema is served from"}],
    "TAGS": [
        {"name": "articles", "description": "The source documents claims are quoted from."},
        {"name": "actors", "description": "Who speaks or acts: states, forces, persons."},
        {"name": "places", "description": "Where: countries, regions, towns, sites."},
        {"name": "incidents", "description": "What happened, or is said to have happened."},
        {"name": "claims", "description": "Attributed statements and how they relate."},
        {"name": "losses", "description": "The numbers claims report: killed, destroyed…"},
        {"name": "tolls", "description": "Each claimant's losses over time, side by side."},
        {"name": "deletions", "description": "Tombstones for syncing clients."},
        {"name": "datapackage", "description": "The whole dataset as a Frictionless package."},
        {"name": "ingest_jobs", "description": "Queued ingests: status, progress, report."},
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.name_parameter_enums",
        "api.schema.hoist_optional_security",
        "api.examples.add_examples",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ErrorTypeEnum": "api.errors.ErrorType",
        "LinkDirectionEnum": "api.choices.LinkDirection",
        "ActorKindEnum": "conflict.models.choices.ActorKind",
        "PlaceKindEnum": "conflict.models.choices.PlaceKind",
        "PlacePrecisionEnum": "conflict.models.choices.PlacePrecision",
        "IncidentKindEnum": "conflict.models.choices.IncidentKind",
        "DatePrecisionEnum": "conflict.models.choices.DatePrecision",
        "ParticipantRoleEnum": "conflict.models.choices.ParticipantRole",
        "StanceEnum": "conflict.models.choices.Stance",
        "ClaimCategoryEnum": "conflict.models.choices.ClaimCategory",
        "ClaimRelationEnum": "conflict.models.choices.ClaimRelation",
        "LossCategoryEnum": "conflict.models.choices.LossCategory",
        "PopulationEnum": "conflict.models.choices.Population",
        "ReviewStatusEnum": "conflict.models.choices.ReviewStatus",
        "HistoryTypeEnum": "api.serializers.history.HistoryType",
        "SyncResourceEnum": "api.deletions.SyncResource",
        "IngestDecisionKindEnum": "conflict.ingestion.DecisionKind",
        "IngestRecordTypeEnum": "conflict.ingestion.DecisionRecord",
        "IngestJobStatusEnum": "conflict.models.ingest_job.IngestJobStatus",
        "TollPeriodFromEnum": "conflict.tolls.PeriodFrom",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
