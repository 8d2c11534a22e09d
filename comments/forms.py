from django import forms
from django.conf import settings

from .models import Report


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
