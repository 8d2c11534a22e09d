from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from newsportal.redirects import is_site_path


class AccountAdapter(DefaultAccountAdapter):
    def is_safe_url(self, url):
        # allauth follows any relative `next`: "home" would send the reader to
        # /accounts/login/home after logging in. Only a path on this site, as everywhere else.
        return is_site_path(context.request, url) and super().is_safe_url(url)
