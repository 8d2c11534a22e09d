from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site

from newsportal import mail
from newsportal.redirects import is_site_path


class AccountAdapter(DefaultAccountAdapter):
    def is_safe_url(self, url):
        # allauth follows any relative `next`: "home" would send the reader to
        # /accounts/login/home after logging in. Only a path on this site, as everywhere else.
        return is_site_path(context.request, url) and super().is_safe_url(url)

    def send_mail(self, template_prefix, email, context_data):
        """Every allauth message (sign-up confirmation, "account already exists", password
        reset, notices) is rendered here and sent by the task worker, which retries while the
        mail server is down: the reader's request never waits for it or fails with it."""
        request = context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context_data,
            },
        )
        mail.queue_email(message)
