from django import forms
from django.conf import settings

from .models import Commenter, Report, WordRule
from .moderation import word_rules
from .text import find_phrases


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
        if name.casefold() in {"deleted user", "moderator", "admin"}:
            raise forms.ValidationError("Please choose another display name.")
        rules = word_rules()
        if find_phrases(name, rules[WordRule.Kind.BANNED] + rules[WordRule.Kind.SUSPECT]):
            raise forms.ValidationError(
                "Please choose another display name: it goes against our community guidelines."
            )
        return name

    def signup(self, request, user):
        Commenter.objects.update_or_create(
            user=user, defaults={"display_name": self.cleaned_data["display_name"]}
        )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        # The service counts after normalising; the browser gets the same limit as a hint.
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": settings.COMMENTS_MAX_LENGTH}),
        strip=False,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    token = forms.UUIDField(required=False, widget=forms.HiddenInput)
    accept_guidelines = forms.BooleanField(
        required=False, label="I have read the community guidelines"
    )
    notify_on_reply = forms.BooleanField(required=False, label="Email me when someone replies")
    # Honeypot: hidden from people by CSS and aria-hidden; bots that fill every field give
    # themselves away.
    website = forms.CharField(required=False, label="Leave this field empty")


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label="Why?", choices=Report.Reason.choices)


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, delete my account")
    remove_comments = forms.BooleanField(
        required=False, label="Also erase the text of all my comments"
    )


class NotificationsForm(forms.Form):
    notify_on_reply = forms.BooleanField(required=False, label="Email me when someone replies")
