from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from .models import Guidelines, LegalDocument


class LegalDocumentForm(forms.ModelForm):
    make_current = forms.BooleanField(
        label="Make this the current version",
        required=False,
        help_text="The sign-up box and the /terms/ or /privacy/ page then show this version.",
    )

    class Meta:
        model = LegalDocument
        fields = ["kind", "version", "title", "body"]


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin):
    form = LegalDocumentForm
    list_display = ["kind", "version", "title", "is_current", "made_current_at", "created_at"]
    list_filter = ["kind", "is_current"]
    actions = ["make_current"]
    saved_fields = [
        "kind",
        "version",
        "title",
        "body",
        "text_hash",
        "is_current",
        "made_current_at",
    ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["kind", "version", "title", "body", "make_current"]
        return self.saved_fields

    def get_readonly_fields(self, request, obj=None):
        # A saved version is never rewritten; a change is a new version.
        return self.saved_fields if obj is not None else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and form.cleaned_data.get("make_current"):
            obj.make_current()

    def has_delete_permission(self, request, obj=None):
        # Versions are kept: consent records point at them.
        return False

    @admin.action(description="Make the selected version current")
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one version.", messages.ERROR)
            return
        document = queryset.get()
        document.make_current()
        self.message_user(request, f"{document} is now current.")


@admin.register(Guidelines)
class GuidelinesAdmin(admin.ModelAdmin):
    """A published version's text never changes: readers accepted exactly that text. Editors
    write a new version (the add page starts from the current text); readers accept it again."""

    list_display = ["version", "is_current", "published_at", "summary"]
    fields = ["version", "summary", "body", "published_at"]
    readonly_fields = ["version"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, "summary", "body", "new_version"]

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else [*self.fields, "new_version"]

    def get_changeform_initial_data(self, request):
        current = Guidelines.objects.current().first()
        initial = {"summary": current.summary, "body": current.body} if current else {}
        return {**initial, **super().get_changeform_initial_data(request)}

    @admin.display(description="change the text")
    def new_version(self, guidelines):
        return format_html(
            '<a href="{}">Write a new version</a>, starting from the current text.',
            reverse("admin:legal_guidelines_add"),
        )

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def delete_queryset(self, request, queryset):
        for guidelines in queryset:
            guidelines.delete()  # one by one, so the newest left becomes current
