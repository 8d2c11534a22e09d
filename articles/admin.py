from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from simple_history.admin import SimpleHistoryAdmin
from taggit.admin import TagAdmin
from taggit.forms import TagWidget
from taggit.models import Tag

from newsportal.admin_forms import BoundedHistoryAdminMixin

from . import editing, front_page_admin  # noqa: F401 - registers the front-page page
from .body_editor import body_editor_field
from .models import Article, Author, Correction, GalleryImage, Image, Section, Source, StoryEmbed


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "url"]
    prepopulated_fields = {"slug": ["short_name"]}
    search_fields = ["short_name", "name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "role"]


def thumbnail_html(image, width=80):
    if not image or not image.file:
        return "—"
    return format_html(
        '<img src="{}" alt="" width="{}" style="height:auto;border-radius:2px">',
        image.jpeg_480.url,
        width,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "caption", "credit", "uploaded_at"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["thumbnail", "width", "height"]
    fields = ["file", "thumbnail", "alt_text", "caption", "credit", "width", "height"]
    date_hierarchy = "uploaded_at"

    @admin.display(description="picture")
    def thumbnail(self, image):
        return thumbnail_html(image)

    def autocomplete_extra(self, image):
        """Shown beside each result of the pickers (static/admin/articles/story_editor.js)."""
        return {"thumbnail": image.jpeg_480.url} if image.file else {}


class GalleryFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return  # a new story has no stored rows
        # Rows the post does not present as existing ones (a tampered INITIAL_FORMS) would be
        # inserted again, and the database refuses a picture twice in one gallery with a 500.
        shown = [form.instance.pk for form in self.initial_forms]
        stored = set(
            GalleryImage.objects.filter(article=self.instance)
            .exclude(pk__in=shown)
            .values_list("image_id", flat=True)
        )
        for form in self.extra_forms:
            image = getattr(form, "cleaned_data", {}).get("image")
            if image is not None and image.pk in stored and not self._should_delete_form(form):
                raise forms.ValidationError("This picture is already in the gallery.")


class GalleryImageInline(admin.TabularInline):
    model = GalleryImage
    formset = GalleryFormSet
    autocomplete_fields = ["image"]
    extra = 0
    verbose_name = "gallery picture"


class StoryEmbedInline(admin.StackedInline):
    model = StoryEmbed
    fields = ["embed_url", "caption", "after_paragraph", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    verbose_name = "correction shown to readers"
    verbose_name_plural = "corrections shown to readers"


class ReaderStatusFilter(admin.SimpleListFilter):
    """Draft / scheduled / live, as the newsroom thinks of a story (not just the status field)."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("live", "Live")]

    def queryset(self, request, queryset):
        if self.value() == "draft":
            return queryset.drafts()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "live":
            return queryset.published()
        return queryset


class ArticleAdminForm(forms.ModelForm):
    body = body_editor_field()

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        widgets = {
            "headline": forms.TextInput(
                # Search engines show about 70 characters of a title; cards wrap longer ones.
                attrs={
                    "class": "vTextField story-headline",
                    "data-advised-length": 70,
                    "data-over-advice": "cut short on cards and in search results",
                }
            ),
            "social_headline": forms.TextInput(
                attrs={
                    "class": "vTextField story-headline",
                    "data-advised-length": 70,
                    "data-over-advice": "cut short in search results",
                }
            ),
            "tags": TagWidget(
                attrs={"data-tag-suggestions-url": reverse_lazy("admin:autocomplete"), "size": 60}
            ),
        }
        help_texts = {"tags": "Separate tags with commas. Existing tags are suggested as you type."}

    # The story's version when this form was opened (articles/editing.py).
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version
        if "breaking_until" in self.fields:
            # Written for editors, with the newsroom's own number rather than a setting's name.
            hours = settings.BREAKING_NEWS_DEFAULT_HOURS
            self.fields["breaking_until"].help_text = (
                "The breaking-news banner disappears at this time. Empty: "
                f"{hours} hour{'s' * (hours != 1)} after publication."
            )

    def clean(self):
        cleaned = super().clean()
        self._refuse_stale_save(cleaned.get("opened_version"))
        body = cleaned.get("body")
        if "body" in cleaned and not strip_tags(body or "").strip() and "<img" not in (body or ""):
            self.add_error("body", "The story has no text yet: write the body before saving.")
        hero = cleaned.get("hero_image")
        if cleaned.get("status") == Article.Status.PUBLISHED and hero and not hero.alt_text.strip():
            self.add_error("hero_image", "Add alt text to the hero picture before publishing.")
        return cleaned

    def _refuse_stale_save(self, opened_version):
        if not self.instance.pk or opened_version is None:
            return
        conflict = editing.edit_conflict(self.instance.pk, opened_version)
        if conflict is None:
            return
        self.add_error(None, conflict.message())
        # The form comes back with the editor's own text; saving it again now is a deliberate
        # choice made after seeing the other save, so it carries the current version.
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_version")] = conflict.current_version


@admin.register(Article)
class ArticleAdmin(BoundedHistoryAdminMixin, SimpleHistoryAdmin):
    form = ArticleAdminForm

    class Media:
        js = ["admin/articles/tag_suggestions.js", "admin/articles/story_editor.js"]
        css = {"all": ["admin/articles/story_editor.css"]}

    list_display = [
        "thumbnail",
        "headline",
        "section",
        "state",
        "published_at",
        "is_breaking",
        "is_featured",
    ]
    list_display_links = ["thumbnail", "headline"]
    list_filter = [
        ReaderStatusFilter,
        "status",
        "section",
        "source",
        "is_breaking",
        "is_featured",
        "tags",
    ]
    list_select_related = ["section", "hero_image"]
    list_per_page = 50
    search_fields = ["headline", "standfirst"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "source", "authors", "hero_image"]
    readonly_fields = ["preview_link", "created_at", "updated_at"]
    inlines = [GalleryImageInline, StoryEmbedInline, CorrectionInline]
    actions = [
        "publish_now",
        "unpublish",
        "mark_breaking",
        "unmark_breaking",
        "feature",
        "unfeature",
    ]

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "social_headline",
                    "slug",
                    "standfirst",
                    "body",
                    "preview_link",
                    "opened_version",
                ]
            },
        ),
        ("Where it goes", {"fields": ["section", "tags", "source", "authors"]}),
        ("Pictures", {"fields": ["hero_image"]}),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "published_at",
                    ("is_featured", "is_breaking", "breaking_until"),
                    ("created_at", "updated_at"),
                ],
                "description": "A publication time in the future schedules the story: it goes "
                "live by itself at that moment.",
            },
        ),
    ]

    @admin.display(description="picture")
    def thumbnail(self, article):
        return thumbnail_html(article.hero_image, width=64)

    @admin.display(description="state")
    def state(self, article):
        if article.status == Article.Status.DRAFT:
            return "Draft"
        return "Scheduled" if article.is_scheduled else "Live"

    @admin.display(description="preview")
    def preview_link(self, article):
        if not article.pk:
            return "Save the story to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview as readers will see it</a>',
            reverse("articles:article-preview", kwargs={"pk": article.pk}),
        )

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def _save_each(self, request, queryset, change, message):
        # One save per story (not queryset.update) so history records who did what.
        count = 0
        for article in queryset:
            change(article)
            article.save()
            count += 1
        self.message_user(request, message.format(count=count), messages.SUCCESS)

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        def change(article):
            article.status = Article.Status.PUBLISHED
            article.published_at = min(article.published_at, timezone.now())

        missing_alt = queryset.filter(Q(hero_image__isnull=False) & Q(hero_image__alt_text=""))
        if missing_alt.exists():
            self.message_user(
                request,
                "Not published: add alt text to the hero picture of "
                + ", ".join(f"“{a.headline}”" for a in missing_alt),
                messages.ERROR,
            )
            return
        self._save_each(request, queryset, change, "{count} stories are now live.")

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        def change(article):
            article.status = Article.Status.DRAFT

        self._save_each(
            request, queryset, change, "{count} stories are no longer visible to readers."
        )

    @admin.action(description="Mark as breaking news", permissions=["change"])
    def mark_breaking(self, request, queryset):
        def change(article):
            article.is_breaking = True
            article.breaking_until = None  # save() starts a fresh breaking period

        self._save_each(request, queryset, change, "{count} stories marked as breaking news.")

    @admin.action(description="Remove the breaking-news mark", permissions=["change"])
    def unmark_breaking(self, request, queryset):
        def change(article):
            article.is_breaking = False

        self._save_each(request, queryset, change, "{count} stories are no longer breaking news.")

    @admin.action(description="Feature on the home page", permissions=["change"])
    def feature(self, request, queryset):
        def change(article):
            article.is_featured = True

        self._save_each(request, queryset, change, "{count} stories featured on the home page.")

    @admin.action(description="Stop featuring on the home page", permissions=["change"])
    def unfeature(self, request, queryset):
        def change(article):
            article.is_featured = False

        self._save_each(request, queryset, change, "{count} stories no longer featured.")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Only those who may publish can change the status or publication time.
        if not self.has_publish_permission(request):
            fields += ["status", "published_at"]
        return fields

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_visible_to_readers else None


class NewsroomTagAdmin(TagAdmin):
    def merge_tags_view(self, request):
        # taggit merges the tags ticked on the list, which it keeps in the session; posted with
        # none ticked (the page opened directly) or a ticked tag deleted since, it looked up ""
        # or a missing tag and failed with a 500.
        if request.method == "POST":
            ticked = request.session.get("selected_tag_ids", "").split(",")
            numbers = {int(tag_id) for tag_id in ticked if tag_id.isdigit()}
            if len(numbers) != len(ticked) or Tag.objects.filter(id__in=numbers).count() != len(
                numbers
            ):
                request.session.pop("selected_tag_ids", None)
                self.message_user(
                    request, "Tick the tags to merge on the list first.", level=messages.ERROR
                )
                return redirect("admin:taggit_tag_changelist")
        return super().merge_tags_view(request)


admin.site.unregister(Tag)
admin.site.register(Tag, NewsroomTagAdmin)
