"""Which cached pages a story, its section, tags, agency, authors and pictures are on, and what
a change to each purges (newsportal/surrogate.py explains the keys).

An edit of a story purges ``story-<id>``: every page that showed it (its own page, the lists and
the related and most-read boxes that carried its card) loaded it, so carries the key. A change
that moves it into or out of lists (published, unpublished, rescheduled, another section, agency,
author or tag, featured or breaking) also purges the keys of those lists, which it may not be on
yet. A scheduled story's time and a banner's end purge by the clock (articles/publication_clock.py).
"""

from django.db.models.signals import m2m_changed
from taggit.models import Tag

from newsportal import surrogate

from .front_page_models import FrontPageLayout, FrontPagePlacement
from .images import Image
from .models import (
    Article,
    Author,
    Correction,
    GalleryImage,
    Section,
    Source,
    StoryEmbed,
    TaggedArticle,
)
from .search_documents import ArticleSearchDocument, SqliteSearchEntry

HOME = "list-home"
LATEST = "list-latest"  # feeds, sitemaps, archives, search: every list of all stories
CORRECTIONS = "list-corrections"
NAV = "nav"  # the section menu of every page

# Fields whose change moves a story into or out of lists, or changes the breaking banner.
LIST_FIELDS = (
    "status",
    "published_at",
    "section_id",
    "source_id",
    "is_featured",
    "is_breaking",
    "breaking_until",
)
BANNER_FIELDS = ("headline", "slug", "status", "published_at", "is_breaking", "breaking_until")


def story_key(article_id) -> str:
    return f"story-{article_id}"


def list_key(owner) -> str:
    """The key of the list of stories of a section, tag, agency or author."""
    kind = {Section: "section", Tag: "tag", Source: "agency", Author: "author"}[type(owner)]
    return f"list-{kind}-{owner.pk}"


def register_loaded_rows() -> None:
    surrogate.register_model(Article, lambda row: row.pk and story_key(row.pk))
    surrogate.register_model(Section, lambda row: row.pk and f"section-{row.pk}")
    surrogate.register_model(Source, lambda row: row.pk and f"agency-{row.pk}")
    surrogate.register_model(Author, lambda row: row.pk and f"author-{row.pk}")
    surrogate.register_model(Tag, lambda row: row.pk and f"tag-{row.pk}")
    surrogate.register_model(Image, lambda row: row.pk and f"image-{row.pk}")
    m2m_changed.connect(
        _purge_on_authors_changed, sender=Article.authors.through, dispatch_uid="sk-authors"
    )
    m2m_changed.connect(_purge_on_tags_changed, sender=TaggedArticle, dispatch_uid="sk-tags")


def _changed(article, fields) -> bool:
    loaded = getattr(article, "_loaded_values", None)
    if loaded is None:
        return True
    return any(field not in loaded or loaded[field] != getattr(article, field) for field in fields)


def lists_of(article, *, section_ids=(), source_ids=()) -> set[str]:
    """The list keys a story is (or was) on: home, latest, its section, agency, authors, tags."""
    keys = {HOME, LATEST}
    keys.update(f"list-section-{pk}" for pk in {article.section_id, *section_ids} if pk)
    keys.update(f"list-agency-{pk}" for pk in {article.source_id, *source_ids} if pk)
    if article.pk:
        keys.update(
            f"list-author-{pk}"
            for pk in Article.authors.through.objects.filter(article_id=article.pk).values_list(
                "author_id", flat=True
            )
        )
        keys.update(
            f"list-tag-{pk}"
            for pk in TaggedArticle.objects.filter(content_object_id=article.pk).values_list(
                "tag_id", flat=True
            )
        )
    return keys


@surrogate.purge_rule(Article)
def article_change(article, *, created, deleted):
    keys = {story_key(article.pk)}
    loaded = getattr(article, "_loaded_values", None) or {}
    if created or deleted or _changed(article, LIST_FIELDS):
        keys |= lists_of(
            article,
            section_ids=[loaded.get("section_id")],
            source_ids=[loaded.get("source_id")],
        )
    was_breaking = loaded.get("is_breaking", True)
    if (article.is_breaking or was_breaking) and (deleted or _changed(article, BANNER_FIELDS)):
        keys.add(surrogate.BREAKING)
    return keys


def _purge_on_authors_changed(sender, instance, action, pk_set, **kwargs):
    if action.startswith("post_") and isinstance(instance, Article):
        ids = pk_set if action != "post_clear" else getattr(instance, "_cleared_author_ids", ())
        surrogate.purge({story_key(instance.pk), *(f"list-author-{pk}" for pk in ids or ())})
    elif action == "pre_clear" and isinstance(instance, Article):
        instance._cleared_author_ids = list(instance.authors.values_list("pk", flat=True))


def _purge_on_tags_changed(sender, instance, action, pk_set, **kwargs):
    if action.startswith("post_") and isinstance(instance, Article):
        ids = pk_set if action != "post_clear" else getattr(instance, "_cleared_tag_ids", ())
        surrogate.purge({story_key(instance.pk), *(f"list-tag-{pk}" for pk in ids or ())})
    elif action == "pre_clear" and isinstance(instance, Article):
        instance._cleared_tag_ids = list(
            TaggedArticle.objects.filter(content_object=instance).values_list("tag_id", flat=True)
        )


@surrogate.purge_rule(TaggedArticle)
def tag_use_change(tagged, *, created, deleted):
    return {story_key(tagged.content_object_id), f"list-tag-{tagged.tag_id}"}


@surrogate.purge_rule(Section)
def section_change(section, *, created, deleted):
    # A new or removed section also changes the sitemaps and the menu of every page.
    return {f"section-{section.pk}", f"list-section-{section.pk}", NAV, LATEST}


@surrogate.purge_rule(Source)
def source_change(source, *, created, deleted):
    return {
        f"agency-{source.pk}",
        f"list-agency-{source.pk}",
        *([LATEST] if created or deleted else []),
    }


@surrogate.purge_rule(Author)
def author_change(author, *, created, deleted):
    return {
        f"author-{author.pk}",
        f"list-author-{author.pk}",
        *([LATEST] if created or deleted else []),
    }


@surrogate.purge_rule(Tag)
def tag_change(tag, *, created, deleted):
    return {f"tag-{tag.pk}", f"list-tag-{tag.pk}", *([LATEST] if created or deleted else [])}


@surrogate.purge_rule(Image)
def image_change(image, *, created, deleted):
    return set() if created else {f"image-{image.pk}"}


@surrogate.purge_rule(GalleryImage, StoryEmbed)
def story_media_change(item, *, created, deleted):
    return {story_key(item.article_id)}


@surrogate.purge_rule(Correction)
def correction_change(correction, *, created, deleted):
    return {story_key(correction.article_id), CORRECTIONS}


@surrogate.purge_rule(FrontPageLayout, FrontPagePlacement)
def front_page_change(row, *, created, deleted):
    return {HOME}


@surrogate.purge_rule(ArticleSearchDocument, SqliteSearchEntry)
def search_index_change(row, *, created, deleted):
    # Kept in step with the story's own save, which purges what readers see.
    return set()
