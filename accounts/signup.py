"""allauth's sign-up form (ACCOUNT_FORMS["signup"]), made to cost the same for every address, and
its login form in the site's words.

Kept apart from accounts/forms.py, which allauth imports as the base of its own forms.
"""

from allauth.account.forms import LoginForm, SignupForm
from django.contrib.auth.hashers import make_password


class ReaderSignupForm(SignupForm):
    def try_save(self, request):
        # A new address costs a password hash (and a queued email); an address that already has
        # an account costs the same hash, unused, and its queued "account already exists" note,
        # so the answer's timing does not tell which addresses have accounts
        # (ACCOUNT_PREVENT_ENUMERATION makes the answer itself the same).
        if self.account_already_exists and self.cleaned_data.get("password1"):
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


class ReaderLoginForm(LoginForm):
    """allauth's login form (ACCOUNT_FORMS["login"]) in the site's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remember"].label = "Keep me signed in"
