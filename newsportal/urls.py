from django.conf import settings
from django.contrib import admin
from django.http import Http404
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
    path("live/", include("live.urls")),
    path("", include("articles.urls")),
]


def serve_media(request, path, document_root):
    try:
        return serve(request, path, document_root)
    except OSError as error:  # a name longer than the file system allows, as a 404 not a 500
        raise Http404("No such file") from error


if settings.SERVE_MEDIA:
    # Development and tests only: in production the web server or object storage serves uploads.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?P<path>.*)$",
            never_page_cached(serve_media),
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
