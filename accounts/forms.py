from django import forms

from comments import services as comments_services
from comments.models import WordRule
from comments.moderation import word_rules
from comments.text import find_phrases

# Names that would pass for the site speaking, or for a removed account ("Deleted user" is what
# discussions show for one).
RESERVED_DISPLAY_NAMES = {"deleted user", "moderator", "admin"}


class SignupForm(forms.Form):
    """allauth's sign-up form gains a display name (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label="Display name",
        max_length=50,
        help_text="Shown with your comments. You can use your real name or a pseudonym.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError("Please choose a display name.")
        if name.casefold() in RESERVED_DISPLAY_NAMES:
            raise forms.ValidationError("Please choose another display name.")
        rules = word_rules()
        if find_phrases(name, rules[WordRule.Kind.BANNED] + rules[WordRule.Kind.SUSPECT]):
            raise forms.ValidationError(
                "Please choose another display name: it goes against our community guidelines."
            )
        return name

    def signup(self, request, user):
        # The name is the reader's identity in discussions, so it lives on their commenter
        # profile, next to their standing with the moderators.
        comments_services.commenter_create(
            user=user, display_name=self.cleaned_data["display_name"]
        )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, delete my account")
    remove_comments = forms.BooleanField(
        required=False, label="Also erase the text of all my comments"
    )


class NotificationsForm(forms.Form):
    notify_on_reply = forms.BooleanField(required=False, label="Email me when someone replies")
