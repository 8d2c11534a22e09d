"""Content-Security-Policy with one exception, the admin.

Reader pages get the strict policy of settings.CONTENT_SECURITY_POLICY: no inline script or style.
The Django admin and the article editor (django-prose-editor's import map) render inline script
and style attributes, so staff pages get 'unsafe-inline' for those two directives while everything
else (objects, framing, form targets, base URI, foreign origins) stays as strict as on reader pages.
The admin is reachable only by logged-in staff, and its output is escaped by Django.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.urls import reverse

ADMIN_ALLOWANCES = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}


class NewsroomCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(reverse("admin:index")):
            update = {**(parts.update or {}), **ADMIN_ALLOWANCES}
            return PolicyParts(parts.config, update, parts.replace, parts.nonce)
        return parts
