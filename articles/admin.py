from django.contrib import admin
from django.utils.html import format_html

from .models import Article, Author, GalleryImage, Image, Section, Source


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
    search_fields = ["name"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "caption", "credit", "uploaded_at"]
    search_fields = ["alt_text", "caption", "credit"]

    @admin.display(description="picture")
    def thumbnail(self, image):
        return format_html('<img src="{}" alt="" width="80">', image.file.url) if image.file else ""


class GalleryImageInline(admin.TabularInline):
    model = GalleryImage
    autocomplete_fields = ["image"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "published_at", "is_breaking", "is_featured"]
    list_filter = ["status", "section", "source", "is_breaking", "is_featured"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "source", "authors", "hero_image"]
    inlines = [GalleryImageInline]
