from itertools import groupby

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from .models import Article, Author, GalleryImage, Section, Source
from .structured_data import article_structured_data, to_script_json

HOME_TOP_STORIES = 4
HOME_LATEST = 12
HOME_PER_SECTION = 4
RELATED_STORIES = 4


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = Article.objects.published().for_cards()
        featured = list(visible.filter(is_featured=True)[: HOME_TOP_STORIES + 1])
        shown_ids = [article.pk for article in featured]
        latest = list(visible.exclude(pk__in=shown_ids)[:HOME_LATEST])
        # Section order comes from the Section model; the window query keeps it one query for any number.
        per_section = visible.newest_per_section(HOME_PER_SECTION).order_by(
            "section__order", "section__name", "-published_at"
        )
        section_blocks = [
            {"section": stories[0].section, "stories": stories}
            for stories in (
                list(group) for _, group in groupby(per_section, key=lambda a: a.section_id)
            )
        ]
        context.update(
            lead_story=featured[0] if featured else (latest.pop(0) if latest else None),
            top_stories=featured[1:],
            latest_stories=latest,
            section_blocks=section_blocks,
        )
        return context


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return self.prefetched(Article.objects.published())

    @staticmethod
    def prefetched(articles):
        """Everything the story page shows, in a fixed number of queries."""
        return articles.for_cards().prefetch_related(
            "authors",
            "tags",
            "corrections",
            Prefetch("gallery_items", queryset=GalleryImage.objects.select_related("image")),
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # The number in the URL is what identifies the story; an old or mistyped slug moves for good.
        if self.kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["related_stories"] = (
            Article.objects.published().for_cards().related_to(article, limit=RELATED_STORIES)
        )
        context["absolute_url"] = self.request.build_absolute_uri(article.get_absolute_url())
        context["structured_data"] = [
            to_script_json(block)
            for block in article_structured_data(article, self.request.build_absolute_uri)
        ]
        return context


class ArticlePreviewView(LoginRequiredMixin, PermissionRequiredMixin, ArticleDetailView):
    """A draft or scheduled story exactly as readers will see it, for the newsroom only."""

    permission_required = "articles.view_article"
    login_url = "admin:login"

    def get_queryset(self):
        return self.prefetched(Article.objects.all())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        response = self.render_to_response(self.get_context_data(object=self.object))
        # Never cached anywhere: the story may not be public yet.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"is_preview": True}


class StoryListMixin:
    """A paginated, newest-first list of the stories readers may see, for one section, tag, etc.

    Subclasses say which object the list belongs to and how to filter stories by it.
    """

    template_name = "articles/story_list.html"
    context_object_name = "stories"
    list_kind = ""
    list_kind_label = ""

    def get_list_owner(self):
        raise NotImplementedError

    def filter_stories(self, stories):
        raise NotImplementedError

    def get_list_title(self):
        return self.owner.name

    def get_queryset(self):
        self.owner = self.get_list_owner()
        return self.filter_stories(Article.objects.published().for_cards())

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        # get_page() turns ?page=abc, 0 or 9999 into the nearest real page instead of an error.
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            owner=self.owner,
            list_kind=self.list_kind,
            list_kind_label=self.list_kind_label,
            list_title=self.get_list_title(),
            # A section page need not repeat its own name on every card.
            show_section=self.list_kind != "section",
        )
        return context


class SectionDetailView(StoryListMixin, ListView):
    list_kind = "section"
    list_kind_label = "Section"

    def get_list_owner(self):
        return get_object_or_404(Section, slug=self.kwargs["slug"])

    def filter_stories(self, stories):
        return stories.filter(section=self.owner)


class TagDetailView(StoryListMixin, ListView):
    list_kind = "tag"
    list_kind_label = "Tag"

    def get_list_title(self):
        return f"#{self.owner.name}"

    def get_list_owner(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_stories(self, stories):
        return stories.filter(tags=self.owner)


class SourceDetailView(StoryListMixin, ListView):
    list_kind = "source"
    list_kind_label = "News agency"

    def get_list_title(self):
        return f"{self.owner.name} ({self.owner.short_name})"

    def get_list_owner(self):
        return get_object_or_404(Source, slug=self.kwargs["slug"])

    def filter_stories(self, stories):
        return stories.filter(source=self.owner)


class AuthorDetailView(StoryListMixin, ListView):
    list_kind = "author"
    list_kind_label = "Author"

    def get_list_owner(self):
        return get_object_or_404(Author, slug=self.kwargs["slug"])

    def filter_stories(self, stories):
        return stories.filter(authors=self.owner)
