"""The newsroom's admin site: Django's, except that `next` after logging in or out must be a path
on this site (as everywhere else, see newsportal/redirects.py)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse

from newsportal.redirects import is_site_path


def _with_site_next(request, *, fallback):
    """Replace a `next` that is not a path on this site by ``fallback`` (or drop it)."""
    for method in ("GET", "POST"):
        params = getattr(request, method)
        if REDIRECT_FIELD_NAME in params and not is_site_path(request, params[REDIRECT_FIELD_NAME]):
            params = params.copy()
            if fallback:
                params[REDIRECT_FIELD_NAME] = fallback
            else:
                del params[REDIRECT_FIELD_NAME]
            setattr(request, method, params)
    return request


class NewsroomAdminSite(admin.AdminSite):
    # Django follows any relative `next`: "home" would land the editor on /admin/login/home.
    def login(self, request, extra_context=None):
        request = _with_site_next(request, fallback=reverse("admin:index", current_app=self.name))
        return super().login(request, extra_context)

    def logout(self, request, extra_context=None):
        return super().logout(_with_site_next(request, fallback=None), extra_context)


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsportal.admin_site.NewsroomAdminSite"
