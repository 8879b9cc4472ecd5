"""The portal's one settings module. Everything that differs between machines comes from the
environment (see `.env.example`); the defaults give a working development portal on SQLite with
Celery running tasks eagerly, so `make run` needs no services."""

import warnings
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# PRODUCTION turns on every safeguard `manage.py check --deploy` asks for and refuses the
# development defaults that would be unsafe on a real server.
PRODUCTION = env.bool("PRODUCTION", default=False)
# Off unless asked for: `make run` serves like production (friendly error pages, no URL list or
# traceback); a developer sets DEBUG=true in their own .env.
DEBUG = env.bool("DEBUG", default=False)

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-not-for-production")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The domain apps, bottom of the dependency graph first (see README).
DOMAIN_APPS = [
    "points",
    "liaison",
    "suggestions",
    "supervision",
    "projects",
    "appointees",
]

INSTALLED_APPS = [
    "congress.apps.CongressConfig",
    *[f"{name}.apps.{name.capitalize()}Config" for name in DOMAIN_APPS],
    "congress.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "simple_history",
    "django_celery_beat",
    "axes",
    # The second factor of back-office accounts (congress.second_factor).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages travel compressed (phones on slow links); cached public pages keep their compressed copy
    # (congress.pagecache), so a hit is not compressed again. Django pads gzip output against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "congress.middleware.RequestIdMiddleware",
    "congress.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "congress.middleware.UnprefixedLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "congress.middleware.SessionLimitsMiddleware",
    "congress.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a login that axes refused into the lockout answer (congress.accounts.lockout_response).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "congress.urls"
WSGI_APPLICATION = "congress.wsgi.application"
AUTH_USER_MODEL = "congress.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "congress.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
# Each worker keeps its connection between requests: opening one costs about 3.4 ms on loopback
# (more across a network, with a password or TLS), more than the SQL of most pages. A connection
# the server dropped meanwhile is noticed at the next request's start and opened again.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` serves several users on SQLite: WAL lets readers work while one writer writes,
    # IMMEDIATE takes the write lock when a transaction starts (no deadlock when two read-then-write
    # transactions upgrade their locks), and the busy timeout makes the second writer wait instead
    # of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the portal's queries are short, and PostgreSQL compiles any whose cost it
    # overestimates (once 20 ms of compiling for a 15 ms query). The long ones (publication, counts
    # over the ledger) ran no faster with it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "congress.cache.PortalRedisCache", "LOCATION": REDIS_URL}}
    # A logged-in request reads its session from Redis, not from a query. Only with a cache every
    # worker shares: with one per process, a session ended in one worker would live on in another.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Cached public pages (congress.pagecache); off only to measure what the cache saves (bench/).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend reading a session's user and their roles in one query.
    "congress.accounts.PortalModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves the static files in every mode. Outside production it reads them where they
# are (static/ and the apps'), so `make run` needs no collectstatic; production serves the
# collected, compressed, hashed copies in STATIC_ROOT (the image runs collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # Read in place: an empty STATIC_ROOT (no collectstatic yet) is expected, not worth a warning.
    warnings.filterwarnings("ignore", message=r"No directory at: .*staticfiles", category=UserWarning)
WHITENOISE_AUTOREFRESH = DEBUG and not PRODUCTION
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Private uploads (evidence of self-reported activities, clue attachments) never live under
# MEDIA_URL: they are read back only through views that check the user's scope.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploads (congress.files.validate_upload): the largest file, and the most pixels an image may
# decode to (a small PNG can unpack to gigabytes).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
UPLOAD_IMAGE_MAX_PIXELS = env.int("UPLOAD_IMAGE_MAX_PIXELS", default=40_000_000)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@renda.example.gov.cn")

# --- API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: an anonymous call is then a 401 with `WWW-Authenticate: Token` (DRF answers
    # 403 when the first class has no authenticate header, as SessionAuthentication has none).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "congress.accounts.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "congress.drf.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "congress.drf.FilterBackend",  # django-filter's, its FilterSets built once per view
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "congress.drf.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "District Congress Portal API",
    "DESCRIPTION": "区人大常委会门户 — public data and workflow API. Errors are JSON with a message per field.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # ReDoc's bundle is served by the portal itself (congress.apidocs): the sidecar's copy draws a
    # logo from the internet.
    "REDOC_DIST": "/api/redoc-assets",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "congress.models.OrganizationKind",
        "SupervisionClueStateEnum": "supervision.models.ClueState",
        "SupervisionClueSourceEnum": "supervision.models.ClueSource",
        "SupervisionClueCategoryEnum": "supervision.models.ClueCategory",
        "SupervisionCaseStateEnum": "supervision.models.CaseState",
        "SupervisionActionKindEnum": "supervision.models.ActionKind",
        "SupervisionActorEnum": "supervision.models.Actor",
        "SupervisionOutcomeKindEnum": "supervision.models.OutcomeKind",
        "SupervisionRectificationStatusEnum": "supervision.models.RectificationStatus",
        "SupervisionSatisfactionEnum": "supervision.models.Satisfaction",
        "LiaisonStationKindEnum": "liaison.models.StationKind",
        "LiaisonContactPointKindEnum": "liaison.models.ContactPointKind",
        "LiaisonMeetingKindEnum": "liaison.models.MeetingKind",
        "LiaisonMeetingStatusEnum": "liaison.models.MeetingStatus",
        "LiaisonIssueOriginEnum": "liaison.models.IssueOrigin",
        "LiaisonIssueLevelEnum": "liaison.models.IssueLevel",
        "LiaisonIssueStatusEnum": "liaison.models.IssueStatus",
    },
    # Every operation documents its 400/401/403/404/409 answers (congress.drf).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "congress.drf.document_error_responses",
    ],
}

# --- Celery ----------------------------------------------------------------------------------
# Without REDIS_URL there is no broker: tasks run in-process, so the portal works with no services.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Tasks are idempotent (they take ids and call idempotent services): a task is acknowledged when it
# has finished, and a worker killed half-way has its task delivered again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers an unacknowledged task after the visibility timeout: longer than any countdown
# or ETA the portal uses (none is over a day), so a waiting task is never run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 24 * 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Exactly one beat: the running beat holds a Redis lock this long, refreshed every third of it; a
# second beat exits at start (congress.beatlock).
BEAT_LOCK_SECONDS = env.int("BEAT_LOCK_SECONDS", default=60)
# The beat schedule lives in django-celery-beat's tables; these defaults are written there when
# beat starts and can then be changed in the back office (Periodic tasks).
CELERY_BEAT_SCHEDULE = {
    "congress.publish_due_quarter": {
        # Daily: publishes a quarter once PUBLICATION_GRACE_DAYS have passed after its end.
        "task": "congress.tasks.publish_due_quarter_task",
        "schedule": crontab(hour=2, minute=30),
    },
    "suggestions.remind_due_replies": {
        "task": "suggestions.tasks.remind_due_replies_task",
        "schedule": crontab(hour=8, minute=0),
    },
    "supervision.remind_due_rectifications": {
        # Daily: reminds responsible units of rectification items due soon or overdue.
        "task": "supervision.tasks.remind_due_rectifications_task",
        "schedule": crontab(hour=8, minute=10),
    },
    "appointees.remind_overdue_reports": {
        # Duty reports on last year are due by 31 March; from April on, a weekly reminder.
        "task": "appointees.tasks.remind_overdue_reports_task",
        "schedule": crontab(hour=8, minute=30, day_of_week=1, month_of_year="4-12"),
    },
}

# --- Import / export -------------------------------------------------------------------------
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Limits of an imported file (congress.importing), checked before or while it is read.
IMPORT_LIMITS = {
    "max_bytes": env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024),
    "max_rows": env.int("IMPORT_MAX_ROWS", default=20_000),
    "max_columns": env.int("IMPORT_MAX_COLUMNS", default=60),
    "max_cell_chars": env.int("IMPORT_MAX_CELL_CHARS", default=5_000),
    "xlsx_max_unpacked_bytes": env.int("IMPORT_XLSX_MAX_UNPACKED_BYTES", default=50 * 1024 * 1024),
    "xlsx_max_entries": env.int("IMPORT_XLSX_MAX_ENTRIES", default=200),
    "xlsx_max_ratio": env.int("IMPORT_XLSX_MAX_RATIO", default=200),
}
# A file over either threshold is imported in the background (an ImportJob, a Celery task, a
# progress page) instead of the import page's preview and confirmation in one request. Rows are
# estimated before parsing (a CSV's lines, an XLSX's stated dimension).
IMPORT_BACKGROUND_ROWS = env.int("IMPORT_BACKGROUND_ROWS", default=2_000)
IMPORT_BACKGROUND_BYTES = env.int("IMPORT_BACKGROUND_BYTES", default=1024 * 1024)
# Rows per progress step of a background import.
IMPORT_JOB_CHUNK_ROWS = env.int("IMPORT_JOB_CHUNK_ROWS", default=500)
# A "running" job without progress for this long lost its worker; a redelivered task takes it over.
IMPORT_JOB_STALE_MINUTES = env.int("IMPORT_JOB_STALE_MINUTES", default=30)

# --- Domain settings -------------------------------------------------------------------------
# Quarterly publication waits this many days after a quarter ends so staff can verify entries.
PUBLICATION_GRACE_DAYS = env.int("PUBLICATION_GRACE_DAYS", default=10)
# The licence of the open data, in the words the open-data page states it; empty: the portal's own
# open government licence, in the reader's language (congress.opendata.DEFAULT_LICENCE).
OPEN_DATA_LICENCE = env.str("OPEN_DATA_LICENCE", default="")
# Suggestion scoring (SPEC §2): final = reply × w1 % + implementation × w2 %; checked to sum to 100.
SUGGESTION_REPLY_WEIGHT = env.int("SUGGESTION_REPLY_WEIGHT", default=40)
SUGGESTION_IMPLEMENTATION_WEIGHT = env.int("SUGGESTION_IMPLEMENTATION_WEIGHT", default=60)
SUGGESTION_REPLY_DEADLINE_MONTHS = env.int("SUGGESTION_REPLY_DEADLINE_MONTHS", default=3)
SUGGESTION_REPLY_DUE_SOON_DAYS = env.int("SUGGESTION_REPLY_DUE_SOON_DAYS", default=14)
# A unit with fewer evaluated handlings in a year is listed but not ranked.
SUGGESTION_MIN_EVALUATED_FOR_RANKING = env.int("SUGGESTION_MIN_EVALUATED_FOR_RANKING", default=3)
# "1+3" supervision (SPEC §3): a public count below this is shown as "<N" so that no one can be
# identified from a small cell; attachments' size limit; reminders this many days before a deadline.
SUPERVISION_MIN_PUBLIC_CELL = env.int("SUPERVISION_MIN_PUBLIC_CELL", default=3)
SUPERVISION_ATTACHMENT_MAX_BYTES = env.int("SUPERVISION_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
SUPERVISION_REMINDER_DAYS = env.int("SUPERVISION_REMINDER_DAYS", default=7)
# Appointees' satisfaction ratings (SPEC §5) are secret: a session at which fewer members handed in
# is announced without its totals, which with one or two sheets would tell how each member rated.
APPOINTEE_MIN_BALLOTS_FOR_RESULTS = env.int("APPOINTEE_MIN_BALLOTS_FOR_RESULTS", default=3)

# --- Security --------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# A session ends after SESSION_IDLE_TIMEOUT without a request and SESSION_COOKIE_AGE after the
# login, whichever comes first (congress.middleware.SessionLimitsMiddleware).
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=30))
SESSION_COOKIE_AGE = env.int("SESSION_MAX_HOURS", default=12) * 3600
# The browser features no page uses (congress.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = ("accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
                      "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()")
# The second factor (congress.second_factor): back-office accounts confirm a login with a code of an
# authenticator app (TOTP) or a one-time recovery code. After each wrong code a device refuses every
# code for 1, 2, 4, 8 … seconds (× OTP_THROTTLE_FACTOR); secrets never appear in the back office.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="区人大常委会门户")
OTP_TOTP_THROTTLE_FACTOR = max(1, env.int("OTP_THROTTLE_FACTOR", default=1))  # 0 would switch it off
OTP_STATIC_THROTTLE_FACTOR = OTP_TOTP_THROTTLE_FACTOR
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Content-Security-Policy (django-csp): only the portal's own files, no inline script or style.
# Templates keep code in static/js and static/css; the few third-party pages that insist on inline
# code (the API docs, see congress.apidocs) put a per-request nonce on exactly that code: NONCE
# appears in the header only on a response whose template asked for request.csp_nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Login throttling (django-axes) on every login path: the site, the back office and the API token.
# AXES_FAILURE_LIMIT failed logins lock the account *and* the address they came from (either
# locks) for AXES_COOLOFF_MINUTES; a successful login clears the count; office staff unlock early
# (congress.services.account_unlock). Attempts during a lockout do not extend it, so an attacker
# cannot keep a deputy locked out for good.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# The address is REMOTE_ADDR: behind a proxy that does not set it, every client would share the
# proxy's address; AXES_LOCK_BY_ADDRESS=false then keeps only the per-account lock.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"] if env.bool("AXES_LOCK_BY_ADDRESS", default=True) else ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "congress.accounts.lockout_response"
# The audit trail records every login, failed login and lockout (congress.audit).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The same address as the audit trail: REMOTE_ADDR, set by the proxy in front; never a header the
# client could forge.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# An API token expires this many hours after it was issued (congress.accounts.ExpiringTokenAuthentication).
API_TOKEN_TTL = timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=12))

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # axes logs every attempt at INFO; failures and lockouts (WARNING) are enough beside the audit trail.
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
