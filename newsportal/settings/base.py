"""Settings shared by every profile.

Everything that differs between deployments comes from the environment
(or a ``.env`` file next to ``manage.py``) through django-environ; the
defaults here are the development ones, so a fresh clone runs on SQLite
with a local-memory cache and the console email backend.
"""

from pathlib import Path

import environ

from articles.embed_providers import FRAME_HOSTS  # a plain table, no models

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Only the development profile may fall back to this key; production.py refuses it.
INSECURE_DEFAULT_SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEFAULT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Background work goes through Django's tasks framework (the django-tasks backport). The default
# backend keeps the queue in the database (django-tasks-db, `manage.py db_worker`), so it needs no
# extra server; TASKS_BACKEND=rq keeps it in Redis (django-tasks-rq, `manage.py rqworker
# --with-scheduler --job-class django_tasks_rq.Job`: the scheduler runs the delayed retries) for
# newsrooms that run many workers. TASKS below follows from it.
TASKS_BACKEND = env.str("TASKS_BACKEND", default="db")

INSTALLED_APPS = [
    # Before staticfiles, so runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "newsportal.admin_apps.NewsroomAdminConfig",  # django.contrib.admin with our admin site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",  # About us, Contact, Editorial standards (legal/ makes them)
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "taggit",
    "imagekit",
    "django_prose_editor",
    "simple_history",
    "accounts",  # before allauth: its templates override allauth's layout
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    *(["django_rq", "django_tasks_rq"] if TASKS_BACKEND == "rq" else []),
    "articles",
    "comments",
    "newsletter",
    "live",
    "legal",
    "newsportal",  # project wiring: page-cache invalidation (newsportal/apps.py)
]

MIDDLEWARE = [
    # Outermost: a response that sets a cookie is never marked for shared caches.
    "newsportal.pagecache.SharedCacheGuardMiddleware",
    # The reader's address from X-Forwarded-For, for the proxies we run (TRUSTED_PROXY_COUNT):
    # the request log and a cache hit's view count (per reader) read it.
    "newsportal.proxy.TrustedProxyMiddleware",
    "newsportal.observability.RequestLogMiddleware",
    # Anonymous readers' shared pages: a cached copy is served from here, before the rest of the
    # stack, with the headers that stack gave it when it was built (newsportal/pagecache.py).
    # Only what a hit needs runs before it.
    "newsportal.pagecache.AnonymousPageCacheMiddleware",
    # Anonymous readers' pages read from the replicas, when there are any (DATABASE_REPLICA_URLS).
    "newsportal.dbrouters.ReaderReplicaMiddleware",
    # A database that cannot be reached gives readers the 503 page, not a 500 (newsportal/outage.py).
    "newsportal.outage.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app server, compressed and with far-future headers when fingerprinted.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsportal.security.NewsroomCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Admin lists answer a filter value the database cannot take with "?e=1", not a 500.
    "newsportal.admin_tools.AdminListFilterGuardMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Records which staff member made each change in the articles' history.
    "simple_history.middleware.HistoryRequestMiddleware",
]

# How many reverse proxies or load balancers of our own stand in front of the app servers (0: the
# app is reached directly). Each one must append to X-Forwarded-For, as nginx's
# $proxy_add_x_forwarded_for and cloud load balancers do; see newsportal/proxy.py.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

ROOT_URLCONF = "newsportal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "newsportal.wsgi.application"
ASGI_APPLICATION = "newsportal.asgi.application"

# --- Database: SQLite by default, anything dj-database-url understands otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # A database that does not answer costs a request this long, then readers get the 503 page.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    )
# A query with no answer for this long is given up and its reader gets the 503 page; 0: no limit.
# Set by the production profile for web requests (newsportal/outage.py: the watchdog).
DATABASE_WAIT_LIMIT_SECONDS = 0
# Read replicas, optional: comma-separated URLs. Anonymous readers' pages read from them, the rest
# from the primary (newsportal/dbrouters.py). In tests a replica is the primary itself (MIRROR).
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    _replica = {
        **env.db_url_config(_url),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "TEST": {"MIRROR": "default"},
    }
    if "postgresql" in _replica["ENGINE"]:
        # A replica that does not answer is skipped (newsportal/dbrouters.py): do not wait long.
        _replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    DATABASES[f"replica{_number}"] = _replica
DATABASE_ROUTERS = ["newsportal.dbrouters.EngineSpecificModelsRouter"]
if len(DATABASES) > 1:
    DATABASE_ROUTERS.append("newsportal.dbrouters.ReplicaRouter")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- Cache: Redis when REDIS_URL is set, local memory otherwise.
def redis_cache(location, *, key_prefix):
    """django-redis, told to treat an unreachable Redis as a miss (IGNORE_EXCEPTIONS): pages are
    then built from the database, slower but correct, instead of failing. A circuit breaker
    (newsportal/cache_breaker.py) stops asking a Redis that keeps failing or hanging."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": key_prefix,
        # Fail fast: a dead Redis must cost a page milliseconds, not seconds.
        "OPTIONS": {
            "CLIENT_CLASS": "newsportal.cache_breaker.CircuitBreakerClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
            # Open after this many failures or timeouts in a row (each within WINDOW_SECONDS of
            # the last): no call reaches Redis for COOL_OFF_SECONDS, then one trial call does.
            "CIRCUIT_BREAKER": {
                "FAILURES": env.int("REDIS_BREAKER_FAILURES", default=3),
                "WINDOW_SECONDS": 10,
                "COOL_OFF_SECONDS": env.int("REDIS_BREAKER_COOL_OFF_SECONDS", default=15),
            },
        },
    }


REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": redis_cache(
            REDIS_URL, key_prefix=env.str("CACHE_KEY_PREFIX", default="newsportal")
        )
    }
    # Sessions read from Redis and survive its loss, since they are written to the database too.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsportal",
        }
    }
# Each ignored Redis error is logged, at most once every 30 s per process (LOGGING below).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "newsportal.cache.ignored"

# --- Email: console in development; EMAIL_URL (smtp://user:pass@host:587/?tls=True) elsewhere.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# A mail server that hangs costs a task worker at most this many seconds per message, and never
# a reader's request: the mail readers wait for is queued (newsportal/mail.py), then retried after
# each of EMAIL_RETRY_DELAYS (seconds; each under NEWSLETTER_CONFIRMATION_RESEND_SECONDS, so a
# confirmation on its way keeps the newsletter's resend throttle closed), then given up.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_RETRY_DELAYS = env.list("EMAIL_RETRY_DELAYS", cast=int, default=[30, 120, 300, 480])
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="The Daily Ledger <news@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

SITE_ID = 1

# --- Internationalisation: an English edition in Istanbul's time zone by default.
LANGUAGE_CODE = "en-gb"
# 24-hour times and day-first dates across the site and the admin (newsportal/formats/).
FORMAT_MODULE_PATH = ["newsportal.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Istanbul")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Django itself serves uploads only when this is on (development, tests); production never does.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

# Pictures: upload limit in bytes and in pixels (the latter against decompression bombs).
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_MB", default=20) * 1024 * 1024
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_MEGAPIXELS", default=50) * 1_000_000

# Uploads larger than this are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Tags are shown as "#Türkiye" but live at ASCII URLs such as /tag/turkiye/.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
TAGGIT_CASE_INSENSITIVE = True

# --- The newsroom: branding comes from the environment so a newsroom can rename the site.
SITE_NAME = env.str("SITE_NAME", default="The Daily Ledger")
SITE_TAGLINE = env.str("SITE_TAGLINE", default="News from Türkiye and the world, in English")
SITE_PUBLISHER = env.str("SITE_PUBLISHER", default=SITE_NAME)
# The publisher's logo for structured data: a static path (raster, about 600×60).
SITE_LOGO = env.str("SITE_LOGO", default="img/publisher-logo.png")
# Absolute base for links that leave the site (feeds, emails, share links) when no request is at hand.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# An "Updated" time is shown only for edits made this long after publication.
ARTICLE_UPDATED_THRESHOLD_MINUTES = env.int("ARTICLE_UPDATED_THRESHOLD_MINUTES", default=30)
ARTICLES_PER_PAGE = env.int("ARTICLES_PER_PAGE", default=20)
# A breaking story without an explicit end time stops being "breaking" this long after publication.
BREAKING_NEWS_DEFAULT_HOURS = env.int("BREAKING_NEWS_DEFAULT_HOURS", default=4)
# How often a reader's open live page asks whether there are new updates (live/views.py: updates).
LIVE_POLL_SECONDS = env.int("LIVE_POLL_SECONDS", default=20)

# --- Caching of readers' pages (edge and app caches, surrogate keys, purges): its own module.
from .shared_pages import *  # noqa: E402, F403

# --- Rate limits on what readers and anonymous visitors can trigger (newsportal/ratelimit.py):
# (how many, per how many seconds), counted per address or per account.
RATE_LIMITS = {
    # Full-text queries cost the database real work.
    "search-ip": (30, 60),
    "comment-post-user": (5, 60),
    "comment-post-user-hour": (30, 3600),
    "comment-post-ip": (20, 60),
    "comment-report-user": (10, 60),
    "comment-report-ip": (30, 60),
    "newsletter-signup-ip": (env.int("NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", default=10), 3600),
    # Beyond this, sign-ups of one address are ignored with the usual answer (no enumeration).
    "newsletter-signup-email": (5, 3600),
    # Failed admin logins (newsportal/admin_login.py): one address guessing, and one account
    # guessed at from many addresses. The second is looser, since anyone can spend it to lock an
    # editor out for the window.
    "admin-login-failed-ip": (10, 900),
    "admin-login-failed-username": (20, 900),
}

# --- Content-Security-Policy (django-csp), the same in every profile so tests see what production
# sends: no inline script or style anywhere; JSON-LD data blocks are not scripts and are unaffected.
CSP_EXTRA_IMG_SRC = env.list("CSP_EXTRA_IMG_SRC", default=[])  # e.g. the object storage's host
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *CSP_EXTRA_IMG_SRC],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # Only the players of embedded videos and posts, loaded when a reader asks for one.
        "frame-src": FRAME_HOSTS,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsportal.observability.JSONFormatter"}},
    "filters": {
        "every_30_s": {"()": "newsportal.observability.OncePerInterval", "seconds": 30},
        # A database outage: one line every 30 s; any other error every time.
        "database_outage": {"()": "newsportal.outage.OncePerOutageInterval", "seconds": 30},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "json": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The Redis circuit breaker opening (warning) and closing (info), once each.
        "newsportal.cache": {"level": "INFO"},
        # Redis errors the cache ignored (django-redis): one line every 30 s, not one per call.
        "newsportal.cache.ignored": {"filters": ["every_30_s"], "level": "WARNING"},
        "newsportal.outage": {"filters": ["database_outage"], "level": "WARNING"},
        "django.request": {"filters": ["database_outage"]},
        # One JSON line per request (newsportal.observability); on in production, where no
        # runserver prints requests already.
        "newsportal.requests": {
            "handlers": ["json"],
            "level": "INFO" if env.bool("REQUEST_LOG", default=False) else "WARNING",
            "propagate": False,
        },
    },
}

# --- Reader accounts (django-allauth; the accounts app): email is the login, verified before
# the first comment; a display name for comments is asked at sign-up.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_FORMS = {
    "signup": "accounts.signup.ReaderSignupForm",  # the same cost for known addresses
    "login": "accounts.signup.ReaderLoginForm",  # the site's words
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# A link preview or a mail scanner must not confirm an address for the reader.
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "phone_number"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "confirm_email": "1/180s/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# --- Comments (the comments app; its rate limits are in RATE_LIMITS).
# Comments close by themselves this many days after a story's publication.
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=14)
COMMENTS_MAX_LENGTH = 3000
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=20)
COMMENTS_REPLIES_SHOWN = 3  # per comment on the story page; the rest on the thread's own page
# A trusted commenter (this many approved comments, no rejection for this many days) is published
# straight away unless a rule holds the comment.
COMMENTS_TRUSTED_MIN_APPROVED = env.int("COMMENTS_TRUSTED_MIN_APPROVED", default=5)
COMMENTS_TRUSTED_CLEAN_DAYS = env.int("COMMENTS_TRUSTED_CLEAN_DAYS", default=30)
# After this many reports from different readers a comment is hidden until a moderator looks.
COMMENTS_REPORT_THRESHOLD = env.int("COMMENTS_REPORT_THRESHOLD", default=3)

# --- Background tasks (TASKS_BACKEND, chosen above with INSTALLED_APPS).
# django-imagekit hands rendition jobs to RQ whenever django-rq is importable (it comes with
# django-tasks-rq), and then needs this queue definition even where no RQ worker runs.
RQ_QUEUES = {
    "default": {"URL": env.str("TASKS_REDIS_URL", default=REDIS_URL or "redis://127.0.0.1:6379/1")}
}
if TASKS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ValueError(f"TASKS_BACKEND must be db, rq or immediate, not {TASKS_BACKEND!r}")

# --- The newsletter (its sign-up rate limits are in RATE_LIMITS).
# Double opt-in links expire after this many days; a pending address gets at most one
# confirmation email per NEWSLETTER_CONFIRMATION_RESEND_SECONDS.
NEWSLETTER_CONFIRMATION_DAYS = env.int("NEWSLETTER_CONFIRMATION_DAYS", default=7)
NEWSLETTER_CONFIRMATION_RESEND_SECONDS = env.int(
    "NEWSLETTER_CONFIRMATION_RESEND_SECONDS", default=600
)
NEWSLETTER_DIGEST_STORIES = env.int("NEWSLETTER_DIGEST_STORIES", default=8)
# The digest's day (newsletter/schedule.py, taken by `manage.py newsletter_worker`): built as a
# draft for the editors at NEWSLETTER_BUILD_AT, sent as it stands at NEWSLETTER_SEND_AT (local
# times). NEWSLETTER_SCHEDULE=false leaves both to cron and `manage.py send_daily_digest`.
NEWSLETTER_SCHEDULE = env.bool("NEWSLETTER_SCHEDULE", default=True)
NEWSLETTER_BUILD_AT = env.str("NEWSLETTER_BUILD_AT", default="06:00")
NEWSLETTER_SEND_AT = env.str("NEWSLETTER_SEND_AT", default="07:00")
# Sending: deliveries per task, parallel task chains per digest, how long a worker's claim on a
# batch lasts before another worker may take it over, retries with delays of base × 4^n seconds.
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=500)
NEWSLETTER_SENDING_CHAINS = env.int("NEWSLETTER_SENDING_CHAINS", default=4)
NEWSLETTER_CLAIM_LEASE_SECONDS = env.int("NEWSLETTER_CLAIM_LEASE_SECONDS", default=900)
# How often each `manage.py newsletter_worker` replaces the sending chains of dead workers: a chain
# task left running longer than the lease above is given up and replaced (newsletter/watchdog.py).
NEWSLETTER_WATCHDOG_SECONDS = env.int("NEWSLETTER_WATCHDOG_SECONDS", default=60)
# The task worker's clock purges cached pages when a scheduled story's time comes or a banner
# ends (articles/publication_clock.py), this often; a worker with no record of the last tick
# looks back this far.
PUBLICATION_CLOCK_SECONDS = env.float("PUBLICATION_CLOCK_SECONDS", default=2)
PUBLICATION_CLOCK_LOOKBACK_SECONDS = 120
NEWSLETTER_RETRY_BASE_SECONDS = env.int("NEWSLETTER_RETRY_BASE_SECONDS", default=60)
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=5)
# The domain in the digest's List-Id and Message-ID headers.
NEWSLETTER_LIST_DOMAIN = env.str("NEWSLETTER_LIST_DOMAIN", default="localhost")
# Bounce and complaint webhooks (django-anymail): /newsletter/webhooks/<esp>/tracking/.
ANYMAIL = {"WEBHOOK_SECRET": env.str("ANYMAIL_WEBHOOK_SECRET", default="")}
