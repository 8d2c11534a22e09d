from itertools import groupby

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.generic import (
    DetailView,
    ListView,
    TemplateView,
)
from taggit.models import Tag

from comments.reader import is_signed_in, pop_draft, reader_of
from comments.selectors import discussion_for
from newsportal import ratelimit, surrogate
from newsportal.pagecache import signed_in_page
from newsportal.pagination import CappedPaginator, LenientPaginationMixin
from newsportal.proxy import client_ip

from . import fragments
from .cache_keys import HOME, LATEST, list_key
from .front_page import front_page, in_editors_order
from .models import Article, Author, Section, Source
from .page_meta import PageMetaMixin, page_meta, share_image
from .popularity import most_read, record_view
from .search import (
    SearchForm,
    excerpt,
    highlight,
    parse_query,
    search_articles,
)

HOME_LATEST = 12
HOME_PER_SECTION = 4
RELATED_STORIES = 4


class HomeView(PageMetaMixin, TemplateView):
    page_cache = True
    surrogate_keys = (HOME,)  # a story published, moved or unpublished changes this page
    template_name = "articles/home.html"

    def get_page_meta(self, context):
        lead = context["lead_story"]
        return page_meta(
            self.request,
            title=f"{settings.SITE_NAME} – {settings.SITE_TAGLINE}",
            description=settings.SITE_TAGLINE,
            image=share_image(lead.hero_image, self.request.build_absolute_uri) if lead else None,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = Article.objects.published().for_cards()
        # The editors' arrangement, its empty slots filled from featured stories.
        front = front_page(visible)
        shown_ids = front.shown_ids  # above the fold: the blocks below skip these
        latest = list(visible.exclude(pk__in=shown_ids)[:HOME_LATEST])
        lead = front.lead or (latest.pop(0) if latest else None)
        if lead is not None:
            shown_ids |= {lead.pk}
        # The window query keeps it one query for any number of sections.
        per_section = (
            visible.exclude(pk__in=shown_ids)
            .newest_per_section(HOME_PER_SECTION)
            .order_by("section__order", "section__name", "-published_at")
        )
        section_blocks = [
            {"section": stories[0].section, "stories": stories}
            for stories in (
                list(group) for _, group in groupby(per_section, key=lambda a: a.section_id)
            )
        ]
        context.update(
            lead_story=lead,
            lead_package=front.package,
            top_stories=front.top,
            latest_stories=latest,
            section_blocks=in_editors_order(section_blocks, front.section_order),
            most_read=most_read(exclude=shown_ids),
        )
        return context


def _positive_int(value):
    # ASCII only: str.isdigit() also accepts "²", which int() refuses.
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


class ArticleDetailView(PageMetaMixin, DetailView):
    page_cache = True
    template_name = "articles/article_detail.html"
    context_object_name = "article"
    counts_views = True  # for "most read"; previews are not readers' views
    shows_discussion = True  # previews show the story only
    caches_fragments = True  # previews: never from, nor into, the fragment cache
    # A signed-in reader's page is the anonymous copy with their parts (page_from_shared_copy):
    # the page cache builds that copy first when it has none current.
    signed_in_from_shared_copy = True

    def get_queryset(self):
        return self.story_rows(Article.objects.published())

    @staticmethod
    def story_rows(articles):
        """The story with its card's rows (section, agency, picture, discussion) and its body; the
        rest of what the story block shows is loaded only when its fragment is built
        (articles/fragments.py), in a fixed number of queries."""
        return articles.for_cards().defer(None)

    def get_object(self, queryset=None):
        if not self.caches_fragments:
            return super().get_object(queryset)
        # The same row for every reader until a change purges its keys (the story, its section,
        # agency, picture or discussion); a story not found is never kept.
        return fragments.story_row(
            self.kwargs["pk"], lambda: super(ArticleDetailView, self).get_object(queryset)
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # The number in the URL is what identifies the story; an old or mistyped slug moves for good.
        if self.kwargs.get("slug") != self.object.slug:
            return redirect(self.object, permanent=True)
        response = self.page_from_shared_copy() or self.render_to_response(
            self.get_context_data(object=self.object)
        )
        if self.counts_views:
            # The cache only, no database write; a copy built for a signed-in reader's page
            # (newsportal.pagecache) has their address and browser, so it is not counted twice.
            record_view(request, self.object.pk)
            # Readers served from the page cache are counted too (newsportal.pagecache).
            response.page_cache_on_hit = ("articles.popularity.record_view", (self.object.pk,))
        return response

    def page_from_shared_copy(self):
        """A signed-in reader's page made from the anonymous readers' copy, with the discussion
        (and the account menu and messages) rendered for them: the story, related and most read
        are the same for every reader. None when there is no current copy to make it from."""
        if not (self.caches_fragments and self.shows_discussion and is_signed_in(self.request)):
            return None
        return signed_in_page(
            self.request,
            {
                "discussion": lambda: render_to_string(
                    "comments/_discussion_block.html",
                    self.get_discussion(self.object).as_template_context(),
                    request=self.request,
                )
            },
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        # What every reader sees alike comes from fragments; the discussion is the reader's own.
        shared = fragments.story_page(
            article,
            self.request,
            related=RELATED_STORIES,
            most_read_box=self.counts_views,
            cached=self.caches_fragments,
        )
        context["story"] = shared["story"]
        context["structured_data"] = shared["story"]["structured_data"]
        context["related_html"] = shared["related"]
        context["most_read_html"] = shared.get("most_read", "")
        if self.shows_discussion:
            context["discussion"] = self.get_discussion(article)
        return context

    def get_discussion(self, article):
        """The comments under the story: the page of threads the reader asked for (?corder=newest,
        ?cafter=<id>) and, for a signed-in reader, the draft of a post that failed."""
        request = self.request
        user = reader_of(request)  # the session of a visitor without one stays untouched
        return discussion_for(
            article=article,
            user=user,
            newest_first=request.GET.get("corder") == "newest",
            after=_positive_int(request.GET.get("cafter")),
            draft=pop_draft(request, article.pk) if user.is_authenticated else None,
        )

    def get_page_meta(self, context):
        article = self.object
        meta = page_meta(
            self.request,
            title=article.search_and_social_headline,
            description=article.standfirst,
            kind="article",
            image=context["story"]["share_image"],
            published_time=article.published_at,
            modified_time=max(article.updated_at, article.published_at),
            section=article.section.name,
            tags=context["story"]["tag_names"],
        )
        meta["canonical"] = self.request.build_absolute_uri(article.get_absolute_url())
        if context.get("is_preview"):
            meta |= {"canonical": None, "robots": "noindex, nofollow"}
        return meta


class ArticlePreviewView(LoginRequiredMixin, PermissionRequiredMixin, ArticleDetailView):
    """A draft or scheduled story exactly as readers will see it, for the newsroom only."""

    page_cache = False  # the newsroom's view of unpublished stories

    permission_required = "articles.view_article"
    login_url = "admin:login"
    counts_views = False
    shows_discussion = False
    caches_fragments = False
    signed_in_from_shared_copy = False

    def get_queryset(self):
        return self.story_rows(Article.objects.all())

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


class StoryListMixin(LenientPaginationMixin, PageMetaMixin):
    """A paginated, newest-first list of the stories readers may see, for one section, tag, etc.

    Subclasses say which object the list belongs to and how to filter stories by it.
    """

    page_cache = True

    def get_feeds(self):
        """(title, RSS URL, Atom URL) of the feeds of this list, for <link rel="alternate">."""
        return []

    def get_page_meta(self, context):
        stories = context["stories"]
        description = getattr(self.owner, "description", "") or (
            f"The latest stories: {context['list_title']}, from {settings.SITE_NAME}."
        )
        return page_meta(
            self.request,
            title=f"{context['list_title']} – {settings.SITE_NAME}",
            description=description,
            image=share_image(stories[0].hero_image, self.request.build_absolute_uri)
            if stories
            else None,
            feeds=self.get_feeds(),
        )

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

    paginator_class = CappedPaginator

    def get_paginate_by(self, queryset):
        return settings.ARTICLES_PER_PAGE

    def get_context_data(self, **kwargs):
        surrogate.add(list_key(self.owner))  # stories entering or leaving this list purge it
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

    def get_feeds(self):
        slug = {"slug": self.owner.slug}
        return [
            (
                f"{settings.SITE_NAME}: {self.owner.name}",
                reverse("articles:feed-section", kwargs=slug),
                reverse("articles:feed-section-atom", kwargs=slug),
            )
        ]


class TagDetailView(StoryListMixin, ListView):
    list_kind = "tag"
    list_kind_label = "Tag"

    def get_list_title(self):
        return f"#{self.owner.name}"

    def get_list_owner(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_stories(self, stories):
        return stories.filter(tags=self.owner)

    def get_feeds(self):
        slug = {"slug": self.owner.slug}
        return [
            (
                f"{settings.SITE_NAME}: #{self.owner.name}",
                reverse("articles:feed-tag", kwargs=slug),
                reverse("articles:feed-tag-atom", kwargs=slug),
            )
        ]


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


class SearchView(PageMetaMixin, TemplateView):
    """/search/?q=…: best matches first (or newest), by section and date range, highlighted."""

    # Shared like every reader page: the same query is the same page for every reader, and a
    # cached answer costs the database nothing. Only a miss counts against the rate limit.
    page_cache = True
    surrogate_keys = (LATEST,)  # any story published may match

    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET or None)
        query = parse_query(self.request.GET.get("q", ""))
        page = None
        rate_limited = bool(query.terms) and not ratelimit.allowed(
            "search-ip", client_ip(self.request)
        )
        if form.is_valid() and query.terms and not rate_limited:
            data = form.cleaned_data
            results = search_articles(
                query.terms,
                section=data["section"],
                date_from=data["date_from"],
                date_to=data["date_to"],
                order=data["order"] or "relevance",
            )
            page = CappedPaginator(results, settings.ARTICLES_PER_PAGE).get_page(
                self.request.GET.get("page")
            )
            for story in page.object_list:
                story.marked_headline = highlight(story.headline, query.terms)
                story.marked_standfirst = highlight(story.standfirst, query.terms)
                story.marked_excerpt = excerpt(story.body, query.terms)
        context.update(
            form=form,
            query=self.request.GET.get("q", "")[:200],
            terms=query.terms,
            query_shortened=query.shortened,
            page_obj=page,
            stories=page.object_list if page else [],
            searched=form.is_bound,
            filters_in_use=form.filters_in_use(),
            rate_limited=rate_limited,
        )
        return context

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=429 if context["rate_limited"] else 200)

    def get_page_meta(self, context):
        query = " ".join(context["terms"])
        return page_meta(
            self.request,
            title=f"Search: {query} – {settings.SITE_NAME}"
            if query
            else f"Search – {settings.SITE_NAME}",
            description=f"Stories from {settings.SITE_NAME} matching your search.",
            robots="noindex, follow",
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, follow"
        return response


class RobotsTxtView(TemplateView):
    page_cache = True
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        # The host the sitemaps themselves link to (the Site's domain), not the request's.
        site = get_current_site(self.request)
        return super().get_context_data(
            site_root=f"{self.request.scheme}://{site.domain}", **kwargs
        )
