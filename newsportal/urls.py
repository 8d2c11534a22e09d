from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from newsportal.admin_login import ThrottledAdminAuthenticationForm, admin_login
from newsportal.observability import health
from newsportal.pagecache import never_page_cached

# The admin carries the newsroom's name, from settings like the rest of the branding.
admin.site.site_header = f"{settings.SITE_NAME} newsroom"
admin.site.site_title = f"{settings.SITE_NAME} newsroom"
admin.site.index_title = "Newsroom"
# Failed logins are limited per address and per username (newsportal/admin_login.py).
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("healthz", never_page_cached(health), name="health"),
    # Ahead of the admin's own login URL, which it replaces ("admin:login" still names it).
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("comments/", include("comments.urls")),
    path("", include("newsletter.urls")),
    path("", include("legal.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    # Development and tests only: in production the web server or object storage serves uploads.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?P<path>.*)$",
            never_page_cached(serve),
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
