"""The parts of a story page every reader shares, cached as fragments (newsportal/surrogate.py).

A signed-in reader's page is never kept by a shared cache: it carries their name, the comment
form and its tokens. What is the same for every reader (the story itself, "Related stories",
"Most read") is cached here instead, and is stale as soon as a key of what it was built from is
purged, so an edit shows at once.

Fragments are rendered with ``render_to_string`` and no request: no context processor runs, so
no user, CSRF token, session or query string can end up in what other readers are given. What
does depend on the request (the host in absolute URLs) is part of the fragment's name.
"""

import copy
import hashlib

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsportal import surrogate
from newsportal.fragments import cached_fragments

from . import popularity
from .cache_keys import story_key
from .embed_placement import story_body
from .models import Article, GalleryImage
from .page_meta import share_image
from .popularity import ranking
from .structured_data import article_structured_data, to_script_json

# What the story block shows beyond its card: loaded only when the fragment is built.
STORY_PREFETCHES = (
    "authors",
    "tags",
    "corrections",
    "embeds",
    Prefetch("gallery_items", queryset=GalleryImage.objects.select_related("image")),
)
# Where the page puts the live comment count, between the two cached halves of the story.
_COMMENT_COUNT_SLOT = "<!--comment-count-->"


def fragment_seconds(*, cached: bool = True) -> int:
    """How long fragments are kept; 0 (built every time) for pages never to be shared, such as
    the newsroom's previews of stories readers cannot see yet."""
    return settings.FRAGMENT_CACHE_SECONDS if cached else 0


def _card_keys(article) -> list[str]:
    """The keys of a story's rows loaded before a fragment started collecting: the story and
    what ``for_cards()`` selects with it (its discussion excepted: fragments leave counts out)."""
    keys = [story_key(article.pk), f"section-{article.section_id}"]
    if article.source_id:
        keys.append(f"agency-{article.source_id}")
    if article.hero_image_id:
        keys.append(f"image-{article.hero_image_id}")
    return keys


def story_row(pk: int, load) -> Article:
    """The story's row with its card's rows, as ``load()`` reads it (raising Http404 for a story
    readers may not see, which is never kept). A scheduled story going live and a change that
    unpublishes one both purge its key (articles/cache_keys.py, articles/publication_clock.py)."""
    row = surrogate.cached_fragment(f"row:story:{pk}", load, timeout=fragment_seconds())
    # A row of this request's own: the process keeps the cached one in memory for others, and
    # what a page prefetches onto its row (authors, tags, gallery) must be loaded, and name its
    # keys, whenever a fragment built from it is rebuilt.
    own = copy.copy(row)  # Model.__getstate__ gives the copy its own state and related cache
    own.__dict__.pop("_prefetched_objects_cache", None)
    return own


def story_page(article: Article, request, *, related: int, most_read_box: bool, cached: bool):
    """The fragments of a story page, fetched together (newsportal/fragments.py):
    ``story`` (story_parts), ``related`` (related_stories) and ``most_read`` (most_read_box)."""
    parts = {
        "story": story_parts(article, request),
        "related": related_stories(article, limit=related, seconds=fragment_seconds(cached=cached)),
    }
    if most_read_box:
        parts["most_read"] = most_read()
    values = cached_fragments(dict(parts.values()), timeout=fragment_seconds(cached=cached))
    return {part: values[name] for part, (name, _) in parts.items()}


def story_parts(article: Article, request):
    """(name, build) of the story block (headline, standfirst, byline, hero picture, body with
    its embeds, gallery, corrections, tags, share links) in two halves around the comment count, with what
    the page's head shows of it: structured data, tag names and the share picture.

    ``article`` comes from ``for_cards().defer(None)``; its authors, tags, corrections, embeds
    and gallery are loaded only when the fragment is built.
    """
    origin = f"{request.scheme}://{request.get_host()}"
    # "Breaking" in the header ends with the clock, not with a change to the story.
    name = f"story:{article.pk}:{origin}:{int(article.is_breaking_now)}"

    def build():
        surrogate.add(*_card_keys(article))
        prefetch_related_objects([article], *STORY_PREFETCHES)
        absolute = request.build_absolute_uri
        body = story_body(article.body, article.embeds.all())
        html = render_to_string(
            "articles/_story.html",
            {
                "article": article,
                "body": body,
                "absolute_url": absolute(article.get_absolute_url()),
                "comment_count_slot": mark_safe(_COMMENT_COUNT_SLOT),  # noqa: S308 - a constant
            },
        )
        top, rest = html.split(_COMMENT_COUNT_SLOT)
        return {
            "top": mark_safe(top),  # noqa: S308 - rendered by the template engine, escaped there
            "rest": mark_safe(rest),  # noqa: S308
            "structured_data": [
                to_script_json(block) for block in article_structured_data(article, absolute)
            ],
            "tag_names": [tag.name for tag in article.tags.all()],
            "share_image": share_image(article.hero_image, absolute),
            "has_embeds": bool(body.embed_count),  # the page loads static/js/embeds.js
        }

    return name, build


def related_stories(article: Article, *, limit: int, seconds: int | None = None):
    """(name, build) of "Related stories" under ``article``: its cards, and the lists new
    candidates come from (a story published with one of its tags, or in its section)."""

    def related_ids():
        prefetch_related_objects([article], "tags")  # no query when the story block loaded them
        surrogate.add(
            story_key(article.pk),  # its tags or section changed
            *(f"list-tag-{tag.pk}" for tag in article.tags.all()),
            f"list-section-{article.section_id}",
        )
        return list(
            Article.objects.published()
            .related_to(article, limit=limit)
            .values_list("pk", flat=True)
        )

    def build():
        # Which stories: a fragment of its own, purged only by the lists candidates come from
        # (ids load no rows, so it carries no listed story's key). An edit of a listed story then
        # rebuilds the cards, not this search (the costliest query of a story page).
        ids = surrogate.cached_fragment(f"related-ids:{article.pk}", related_ids, timeout=seconds)
        # Without comment counts: with them, every story page would carry the discussion keys
        # of the stories it lists, and one comment would rebuild its story and each page that
        # lists it (measured in the bench's live mix: most of the app's work under writes).
        rows = Article.objects.published().for_cards(comment_counts=False).in_bulk(ids)
        stories = [rows[pk] for pk in ids if pk in rows]
        return render_to_string("articles/_related.html", {"related_stories": stories})

    return f"related:{article.pk}", build


def most_read():
    """(name, build) of the "Most read" box. The ranking (recounted every minute,
    articles/popularity.py) names the fragment; the stories it shows name its keys."""
    ranked = ranking()
    digest = hashlib.blake2b(repr(sorted(ranked.items())).encode(), digest_size=8).hexdigest()

    def build():
        return render_to_string("articles/_most_read.html", {"most_read": popularity.most_read()})

    return f"most-read:{digest}", build
