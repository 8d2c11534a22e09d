"""The form of a live update, for the desk (live/desk.py) and the update's admin page.

The body has the story editor's toolbar and allowlist (articles.body_editor). What the forms
refuse, they refuse with a message an editor under pressure understands: an update with nothing
in it, one too long to be an update, an address that is not an embed we know.
"""

from django import forms
from django.utils.html import strip_tags

from articles.body_editor import body_editor_field

from .models import LiveEntry

# Fields an editor writes; the rest (number, times, who posted) the services fill in.
ENTRY_FIELDS = ["title", "body", "is_key_event", "is_pinned", "image", "embed_url", "author"]

# A live update is a few paragraphs; anything longer is a story of its own. Counted in the HTML
# the editor sends, so a table or a few links still fit.
MAX_BODY_LENGTH = 20_000


class EmbedAddressField(forms.URLField):
    """An address pasted without its scheme is taken as https (every provider serves it)."""

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class LiveEntryForm(forms.ModelForm):
    body = body_editor_field(
        label="Update",
        required=False,
        max_length=MAX_BODY_LENGTH,
        error_messages={
            "max_length": "An update is at most %(limit_value)d characters of text and markup "
            "(this one has %(show_value)d). Split it into several updates, or write a story."
        },
    )

    class Meta:
        model = LiveEntry
        fields = ENTRY_FIELDS
        field_classes = {"embed_url": EmbedAddressField}

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body") or ""
        has_text = strip_tags(body).strip() or "<img" in body
        has_something = (
            (cleaned.get("title") or "").strip()
            or has_text
            or cleaned.get("image")
            or cleaned.get("embed_url")
        )
        # Fields that failed their own checks are not in `cleaned`: no second message for them.
        if not has_something and not self.errors:
            raise forms.ValidationError(
                "This update is empty: write a title or some text, or add a picture or a video "
                "or post to embed.",
                code="empty",
            )
        return cleaned

    def entry_fields(self) -> dict:
        """What the services store, from the cleaned form."""
        return {name: self.cleaned_data[name] for name in ENTRY_FIELDS}


class DeskForm(LiveEntryForm):
    """The desk's short form: one use per update, named by a token so that a second click (or
    a second post of the same page) stores nothing new (live.services.post_entry)."""

    token = forms.UUIDField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"invalid": "This form is out of date: reload the desk and post again."},
    )

    class Meta(LiveEntryForm.Meta):
        widgets = {
            "title": forms.TextInput(attrs={"class": "vTextField", "autocomplete": "off"}),
            "embed_url": forms.URLInput(
                attrs={"class": "vURLField", "placeholder": "https://www.youtube.com/watch?v=…"}
            ),
        }
        labels = {"title": "Title (optional)"}
