"""The newsroom's admin site: Django's, except that `next` after logging in or out must be a path
on this site (as everywhere else, see newsportal/redirects.py), and failed logins are limited per
address and per username (newsportal/admin_login.py), answered with 429 while locked."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse

from newsportal.admin_forms import bounded
from newsportal.admin_login import ThrottledAdminAuthenticationForm
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


class NewsroomAutocompleteJsonView(AutocompleteJsonView):
    """The pickers' search results, with what a model admin adds to each (``autocomplete_extra``:
    a picture's thumbnail, so the story editor's hero picker shows pictures, not only words)."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        extra = getattr(self.model_admin, "autocomplete_extra", None)
        return result | extra(obj) if extra else result


class NewsroomAdminSite(admin.AdminSite):
    # The newsroom's name, from settings like the rest of the branding.
    site_header = site_title = f"{settings.SITE_NAME} newsroom"
    index_title = "Newsroom"
    login_form = ThrottledAdminAuthenticationForm

    def login(self, request, extra_context=None):
        # Django follows any relative `next`: "home" would land the editor on /admin/login/home.
        request = _with_site_next(request, fallback=reverse("admin:index", current_app=self.name))
        response = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if form is not None and form.has_error(NON_FIELD_ERRORS, code="locked_out"):
            response.status_code = 429  # Too Many Requests, while the address or name is locked
        return response

    def autocomplete_view(self, request):
        return NewsroomAutocompleteJsonView.as_view(admin_site=self)(request)

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every admin form, ours and the installed apps', answers impossible dates and picker
        # values with a form error (newsportal/admin_forms.py).
        admin_class = bounded(admin_class or admin.ModelAdmin)
        return super().register(model_or_iterable, admin_class, **options)

    def logout(self, request, extra_context=None):
        return super().logout(_with_site_next(request, fallback=None), extra_context)
