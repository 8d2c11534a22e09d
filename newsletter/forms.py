from django import forms

from .models import consent_text


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Please enter your email address.",
            "invalid": "Please enter a valid email address, like name@example.com.",
            "max_length": "That email address is too long.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "you@example.com"}),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": "Please tick the box to accept the terms before subscribing."},
    )
    # Where to send the reader back to; checked against the site's own host in the view.
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    # A page address too long to be worth going back to is dropped, never a reason to refuse the
    # sign-up (the reader cannot see or fix a hidden field).
    NEXT_MAX_LENGTH = 2000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_text()

    # What a ticked box sends. Django's checkbox reads any other text ("0", "off", "no") as
    # ticked too; consent must be given, so from a script those are a no.
    CONSENT_GIVEN = {"on", "true"}

    def clean_consent(self):
        sent = str(self.data.get(self.add_prefix("consent"), "")).strip().lower()
        if sent not in self.CONSENT_GIVEN:
            raise forms.ValidationError(
                self.fields["consent"].error_messages["required"], code="required"
            )
        return True

    def clean_next(self):
        value = self.cleaned_data["next"]
        return value if len(value) <= self.NEXT_MAX_LENGTH else ""

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
