"""Production profile: DJANGO_SETTINGS_MODULE=newsportal.settings.production.

It refuses to start without what production needs: DEBUG off, a real SECRET_KEY, ALLOWED_HOSTS,
and SITE_URL on https.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import INSECURE_DEFAULT_SECRET_KEY, SECRET_KEY, SITE_URL, env

DEBUG = env.bool("DEBUG", default=False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production: unset DEBUG or set it to false.")
if SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")

# HTTPS everywhere; the proxy in front of the app terminates TLS and says so in this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Emails sent by the task workers link to SITE_URL, and one-click unsubscribe (RFC 8058) needs
# https. Plain HTTP is for runs with SECURE_SSL_REDIRECT=false only (`make serve`, the benchmark,
# the scale-out test), which may also leave SITE_URL out if they serve no host but this machine.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "testserver"}
if not env.str("SITE_URL", default=""):
    if SECURE_SSL_REDIRECT or not set(ALLOWED_HOSTS) <= LOCAL_HOSTS:
        raise ImproperlyConfigured(
            "Set SITE_URL to the site's public address, such as https://news.example.com: "
            "emails link to it."
        )
    SITE_URL = f"http://127.0.0.1:{env.int('PORT', default=8000)}"  # gunicorn.conf.py's address
elif not urlsplit(SITE_URL).hostname or not (
    SITE_URL.startswith("https://") or (SITE_URL.startswith("http://") and not SECURE_SSL_REDIRECT)
):
    raise ImproperlyConfigured(
        f"SITE_URL must be an https:// address, not {SITE_URL!r} (http:// only with "
        "SECURE_SSL_REDIRECT=false)."
    )
NEWSLETTER_LIST_DOMAIN = env.str("NEWSLETTER_LIST_DOMAIN", default=urlsplit(SITE_URL).hostname)

# Sessions and CSRF cookies travel over HTTPS only. `make serve` turns this off to run the
# production profile over plain HTTP on 127.0.0.1; a real deployment never does.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=True)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES

# --- Database: persistent connections, checked before reuse (gunicorn sync workers, one each).
for _database in DATABASES.values():  # noqa: F405 - the primary and any read replicas
    _database["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    _database["CONN_HEALTH_CHECKS"] = True
# Web requests only: newsportal/wsgi.py sets DATABASE_STATEMENT_TIMEOUT (seconds), so a runaway
# query gives its reader the 503 page while migrations and task workers run unbounded. A database
# that cannot even cancel it (hung) is cut short by the app a second later.
_statement_timeout = env.int("DATABASE_STATEMENT_TIMEOUT", default=0)
DATABASE_WAIT_LIMIT_SECONDS = env.int(
    "DATABASE_WAIT_LIMIT_SECONDS", default=_statement_timeout + 1 if _statement_timeout else 0
)
if _statement_timeout:
    for _database in DATABASES.values():  # noqa: F405
        if "postgresql" in _database["ENGINE"]:
            _options = _database.setdefault("OPTIONS", {})
            _options["options"] = (
                f"{_options.get('options', '')} -c statement_timeout={_statement_timeout * 1000}"
            ).strip()

# --- Static files: fingerprinted and pre-compressed by whitenoise at collectstatic time, served
# with far-future cache headers. Media on local disk, or on S3-compatible storage when configured.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # pip install "django-storages[s3]"; credentials come from the usual AWS_* variables.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

# --- Logs: one JSON line per request and per message, to stdout for the process manager.
REQUEST_LOG = env.bool("REQUEST_LOG", default=True)
LOGGING["root"]["handlers"] = ["json"]  # noqa: F405
LOGGING["loggers"]["newsportal.requests"]["level"] = "INFO" if REQUEST_LOG else "WARNING"  # noqa: F405
