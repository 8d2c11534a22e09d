import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsportal.settings.dev")
# Web requests only (manage.py does not load this module): a query running longer is cancelled and
# its reader gets the 503 page or the page cache's last copy, while migrations and task workers run
# unbounded. Read by newsportal/settings/production.py; 0 turns it off.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "5")
application = get_wsgi_application()
