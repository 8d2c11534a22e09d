from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from .embeds import EmbeddedMedia
from .images import Image
from .text import sanitize_article_html, slugify_headline
from .urlcache import cached_reverse


class Section(models.Model):
    name = models.CharField("name", max_length=80, unique=True)
    slug = models.SlugField(
        "slug", max_length=80, unique=True, help_text="Used in the section's URL."
    )
    order = models.PositiveSmallIntegerField(
        "order", default=100, help_text="Lower numbers come first in the menu and on the home page."
    )
    description = models.TextField(
        "description", blank=True, help_text="One or two sentences shown on the section page."
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("articles:section-detail", self.slug)


class Source(models.Model):
    """The agency or outlet a story comes from, e.g. a wire agency."""

    short_name = models.CharField(
        "short name", max_length=20, unique=True, help_text='Shown in the date line, e.g. "AA".'
    )
    name = models.CharField("full name", max_length=120, help_text='e.g. "Anadolu Agency".')
    slug = models.SlugField("slug", max_length=80, unique=True)
    url = models.URLField("website", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.short_name})"

    def get_absolute_url(self):
        return cached_reverse("articles:source-detail", self.slug)


class Author(models.Model):
    """A byline. Not a login: reporters and columnists need not have accounts."""

    name = models.CharField("name", max_length=120)
    slug = models.SlugField("slug", max_length=120, unique=True)
    role = models.CharField(
        "role", max_length=120, blank=True, help_text='e.g. "Economy correspondent".'
    )
    bio = models.TextField("biography", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("articles:author-detail", self.slug)


# How many of the newest uses of a story's tags give candidates for "Related stories".
RELATED_CANDIDATES = 200


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, with a publication time that has arrived.

        Every reader-facing view, feed, sitemap and tag goes through this method.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_cards(self, *, comment_counts=True):
        """Everything a story card shows, fetched with the stories themselves: also the
        discussion (comments.Discussion), whose comment count cards and the story header show,
        and the live coverage (live.LiveCoverage), for the "LIVE" label and its latest time.

        ``comment_counts=False``: cards without the count, so the page does not carry the
        stories' discussion keys and a comment on one of them does not rebuild it.

        Not the body, which no list shows: leaving it out keeps the rows a database sorts for a
        page of a big tag or section small.
        """
        related = ["section", "source", "hero_image", "live_coverage"]
        if comment_counts:
            related.append("discussion")
        return self.select_related(*related).defer("body")

    def breaking(self):
        """Live breaking stories: the flag is set and its end time has not passed."""
        now = timezone.now()
        default_end = now - timedelta(hours=settings.BREAKING_NEWS_DEFAULT_HOURS)
        return self.published().filter(
            Q(breaking_until__gt=now)
            | Q(breaking_until__isnull=True, published_at__gt=default_end),
            is_breaking=True,
        )

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def newest_per_section(self, per_section):
        """The newest ``per_section`` stories of every section, in one query.

        Each (section, position) pair is one seek on article_section_idx, so the cost follows the
        number of sections, not of stories (a window function numbered every story ever published).
        """
        newest_in_section = (
            self.filter(section_id=OuterRef("pk")).order_by("-published_at", "-pk").values("pk")
        )
        picks = [
            Section.objects.order_by().values(
                pick=Subquery(newest_in_section[position : position + 1])
            )
            for position in range(per_section)
        ]
        return self.filter(pk__in=picks[0].union(*picks[1:], all=True))

    def related_to(self, article, limit=4):
        """Stories sharing most tags with ``article``, then its section, newest first.

        Candidates are the stories of the newest RELATED_CANDIDATES uses of its tags (tags are set
        as stories are written, so the newest uses are the newest stories; an index range per
        tag) and the newest of its section: a tag on fifty thousand stories costs no more than
        one on five.
        """
        tag_ids = [tag.pk for tag in article.tags.all()]
        sharing_a_tag = (
            TaggedArticle.objects.filter(tag_id__in=tag_ids)
            .exclude(content_object_id=article.pk)
            .order_by("-pk")
            .values("content_object_id")[:RELATED_CANDIDATES]
        )
        same_section = (
            self.exclude(pk=article.pk)
            .filter(section_id=article.section_id)
            .order_by("-published_at")
            .values("pk")[:limit]
        )
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            # PostgreSQL: one list of candidates. With two IN (…) OR'd it reads every story.
            candidates = Q(pk__in=sharing_a_tag.union(same_section, all=True))
        else:
            # SQLite cannot limit the parts of a UNION, and plans the OR as two index lookups.
            candidates = Q(pk__in=sharing_a_tag) | Q(pk__in=same_section)
        # Without tags, no count: a filter on an empty IN makes Django drop the whole query of
        # a values_list() (no rows at all, where the section still has related stories).
        shared_tags = (
            Count("tags", filter=Q(tags__in=tag_ids), distinct=True) if tag_ids else Value(0)
        )
        return (
            self.filter(candidates)
            .annotate(shared_tags=shared_tags)
            .order_by("-shared_tags", "-published_at")[:limit]
        )


class TaggedArticle(TaggedItemBase):
    """An explicit through model: a plain foreign key joins faster than taggit's generic one."""

    content_object = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag"),
        ]


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    headline = models.CharField("headline", max_length=200)
    # 110: Google's former hard limit for an article's structured-data headline, kept as our
    # ceiling. Google dropped the limit in January 2023 ("Consider using a concise title, as long
    # titles may be truncated on some devices":
    # https://searchengineland.com/google-drops-the-character-limit-for-headlines-in-article-structured-data-390937);
    # a results page shows about 70 characters of a title, which the editor's counter advises.
    social_headline = models.CharField(
        "SEO/social headline",
        max_length=110,
        blank=True,
        help_text="For search results and social posts when the headline is too long or too "
        "local; empty: the headline.",
    )
    slug = models.SlugField(
        "slug",
        max_length=220,
        blank=True,
        help_text="Filled from the headline. The URL also carries the story's number, "
        "so old links keep working if this changes.",
    )
    standfirst = models.TextField(
        "standfirst", max_length=600, help_text="The summary line under the headline."
    )
    body = models.TextField(
        "body",
        help_text="Rich text. Stored as cleaned HTML: scripts, styles and unknown tags are removed.",
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    authors = models.ManyToManyField(Author, blank=True, related_name="articles")
    tags = TaggableManager(through=TaggedArticle, blank=True)
    hero_image = models.ForeignKey(
        Image,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hero_of",
        verbose_name="hero image",
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        "publication time",
        default=timezone.now,
        db_index=True,
        help_text="A time in the future schedules the story: readers see it from that moment.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("last changed", auto_now=True)
    is_breaking = models.BooleanField("breaking news", default=False)
    breaking_until = models.DateTimeField(
        "breaking until",
        null=True,
        blank=True,
        # The story editor's form gives the newsroom's own number of hours (articles/admin.py).
        help_text="The breaking-news banner disappears at this time. Empty: a few hours after "
        "publication.",
    )
    is_featured = models.BooleanField(
        "featured on the home page", default=False, help_text="Featured stories lead the home page."
    )
    # Counts saves: an editor's form carries the version it was opened at, and a save from an
    # older one is refused (articles/editing.py), so two editors never overwrite each other.
    version = models.PositiveIntegerField("version", default=1, editable=False)
    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[authors], excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "Can publish, schedule and unpublish stories")]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_visible_idx"),
            models.Index(fields=["section", "status", "published_at"], name="article_section_idx"),
            # The breaking banner and the home page's featured stories: a few rows among many.
            # (The same columns as article_visible_idx, so planners without statistics take them.)
            models.Index(
                fields=["status", "published_at"],
                condition=Q(is_breaking=True),
                name="article_breaking_idx",
            ),
            models.Index(
                fields=["status", "published_at"],
                condition=Q(is_featured=True),
                name="article_featured_idx",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # Derived from this row only; anything crossing models belongs in a service.
        if not self.slug:
            self.slug = slugify_headline(self.headline)
        if not self.is_breaking:
            self.breaking_until = None
        elif self.breaking_until is None:
            # Breaking from publication, or from now for an older story that breaks again.
            start = max(self.published_at, timezone.now())
            self.breaking_until = start + timedelta(hours=settings.BREAKING_NEWS_DEFAULT_HOURS)
        self.body = sanitize_article_html(self.body)
        if self.pk is not None and not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("articles:article-detail", self.pk, self.slug or "story")

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # What a save changed decides which cached lists it purges (articles/cache_keys.py).
        article._loaded_values = dict(zip(field_names, values, strict=True))
        return article

    @property
    def search_and_social_headline(self):
        """What search results and link previews show (the page's <title>, OpenGraph, Twitter,
        JSON-LD); the page itself, cards, feeds and the digest show the headline."""
        return self.social_headline.strip() or self.headline

    @property
    def is_breaking_now(self):
        if not self.is_breaking:
            return False
        until = self.breaking_until or self.published_at + timedelta(
            hours=settings.BREAKING_NEWS_DEFAULT_HOURS
        )
        return self.published_at <= timezone.now() < until

    @property
    def running_live_coverage(self):
        """The story's live coverage while it runs, else None.

        Only when it was loaded with the story (``select_related("live_coverage")``, as
        ``for_cards()`` does): a card never costs a query of its own. The live app owns the model
        (reverse relation "live_coverage"); articles does not import it.
        """
        coverage = self._state.fields_cache.get("live_coverage")
        return coverage if coverage is not None and coverage.is_live else None

    @property
    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def is_visible_to_readers(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def was_updated(self):
        """True when the story changed well after publication, not for a typo fixed a minute later."""
        threshold = timedelta(minutes=settings.ARTICLE_UPDATED_THRESHOLD_MINUTES)
        return self.updated_at - self.published_at > threshold


class Correction(models.Model):
    """A dated note telling readers what was wrong in a story and what was changed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    noted_at = models.DateTimeField("date of the correction", default=timezone.now)
    text = models.TextField(
        "correction",
        help_text='What was wrong and what is right now, e.g. "An earlier version '
        'of this story gave the wrong date for the vote."',
    )

    class Meta:
        ordering = ["noted_at", "pk"]

    def __str__(self):
        return f"Correction of {self.noted_at:%d/%m/%Y} to “{self.article}”"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#corrections"


class GalleryImage(models.Model):
    """A further picture shown with the story, in the order the editor chose."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="gallery_items")
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="gallery_items")
    order = models.PositiveSmallIntegerField("order", default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "image"], name="unique_gallery_image"),
        ]

    def __str__(self):
        return f"{self.article} – {self.image}"


class StoryEmbed(EmbeddedMedia):
    """A video or social post shown in a story, as a facade readers choose to load, where the
    editor placed it in the text (articles/embed_placement.py)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="embeds")
    caption = models.CharField(
        "caption",
        max_length=300,
        blank=True,
        help_text="Shown under it, e.g. “Footage from a resident, shared on X.”",
    )
    after_paragraph = models.PositiveSmallIntegerField(
        "after paragraph",
        null=True,
        blank=True,
        help_text="Where it goes: after this paragraph of the text (1 = the first), or 0 for "
        "above the text. Empty: after the whole text.",
    )
    order = models.PositiveSmallIntegerField("order", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "embedded video or post"
        verbose_name_plural = "embedded videos and posts"

    def __str__(self):
        return self.embed_url

    def get_absolute_url(self):
        return self.article.get_absolute_url()

    def clean(self):
        super().clean()
        if not self.embed_url:
            raise ValidationError({"embed_url": "Paste the address of the video or post."})


# Registered with the app from their own module; imported here so "articles.models" names them all
# (migration 0010 names the field class here too).
from .front_page_models import FrontPageLayout, FrontPagePlacement  # noqa: E402, F401
from .search_documents import (  # noqa: E402, F401
    ArticleSearchDocument,
    FTS5DocumentField,
    SqliteSearchEntry,
)
