from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from newsportal.observability import health
from newsportal.pagecache import never_page_cached

# A database error in some middleware gets the 503 page too (the view's own: the middleware).
handler500 = "newsportal.outage.server_error"

urlpatterns = [
    path("healthz", never_page_cached(health), name="health"),
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
