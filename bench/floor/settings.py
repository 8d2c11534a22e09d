"""The floor: a bare Django project of its own, what one Django response costs at the least.

Only SecurityMiddleware and CommonMiddleware, no database, no templates, no sessions: one view
returning a constant 30 KB HTML body (about the size of a story page). bench/run.py serves it
with the site's gunicorn.conf.py (2 sync workers) from the site's venv, in its own gunicorn
process, and every ratio in bench/RESULTS.md is a reader page's requests/s over this one's,
measured in the same run.
"""

import os

SECRET_KEY = os.environ.get("SECRET_KEY", "floor-" + "f" * 60)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.floor.urls"
INSTALLED_APPS = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
DATABASES = {}
USE_TZ = True
WSGI_APPLICATION = "bench.floor.wsgi.application"
LOGGING_CONFIG = None
