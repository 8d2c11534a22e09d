"""Fill an empty database with a believable demo newsroom, and do nothing the second time.

Demo stories are recognised by their slugs (the headlines are deterministic); sections, agencies
and authors by slug. Nothing that exists already is changed or deleted.
"""

import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.dispatch import Signal
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    Article,
    Author,
    Correction,
    GalleryImage,
    Image,
    Section,
    Source,
    TaggedArticle,
)
from comments.models import Discussion

from .content import AUTHORS, SECTIONS, SITE_DESK_CREDIT, SOURCES
from .pictures import draw_picture
from .schedule import SEED, plan_newsroom

# Sent after every run, so apps that build on the demo stories add their part without articles
# importing them (live/demo.py runs the breaking story as live coverage). Receivers get
# ``story`` (the breaking story, or None), ``now`` and ``stdout``, and return how many of each
# kind of row they created ({"images": 6, ...}: added to the loader's own counts).
demo_newsroom_loaded = Signal()


def load_demo_newsroom(*, now=None, article_count=300, stdout=None) -> dict:
    """Create the demo newsroom's missing pieces and return how many of each were created."""
    started = time.monotonic()
    now = now or timezone.now()
    counts = Counter()
    sections = _ensure_sections(counts)
    sources = _ensure_sources(counts)
    authors = _ensure_authors(counts)

    plans = plan_newsroom(article_count=article_count, now=now, site=settings.SITE_NAME)
    existing = set(
        Article.objects.filter(slug__in=[plan.story.slug for plan in plans]).values_list(
            "slug", flat=True
        )
    )
    new_plans = [plan for plan in plans if plan.story.slug not in existing]
    if new_plans:
        _create_stories(
            new_plans, now=now, sections=sections, sources=sources, authors=authors, counts=counts
        )

    result = {
        key: counts[key]
        for key in (
            "sections",
            "sources",
            "authors",
            "tags",
            "articles",
            "published",
            "drafts",
            "scheduled",
            "images",
            "gallery_images",
        )
    }
    if stdout is not None:
        stdout.write(_summary(result, time.monotonic() - started))
    breaking = next((plan.story.slug for plan in plans if plan.is_breaking), None)
    story = Article.objects.filter(slug=breaking).first() if breaking else None
    for _receiver, created in demo_newsroom_loaded.send(
        sender=Article, story=story, now=now, stdout=stdout
    ):
        for key, count in (created or {}).items():
            result[key] = result.get(key, 0) + count
    return result


def _summary(result, seconds):
    if not any(result.values()):
        return f"The demo newsroom is already loaded; nothing to create ({seconds:.1f} s)."
    return (
        f"Demo newsroom: {result['published']} published, {result['scheduled']} scheduled and "
        f"{result['drafts']} draft stories, {result['images']} pictures, {result['gallery_images']} gallery items, "
        f"{result['sections']} sections, {result['sources']} agencies, {result['authors']} authors and "
        f"{result['tags']} tags created in {seconds:.1f} s."
    )


def _ensure_sections(counts):
    found = Section.objects.filter(
        Q(slug__in=[slug for _, slug, _, _ in SECTIONS])
        | Q(name__in=[name for name, _, _, _ in SECTIONS])
    )
    by_key = {key: section for section in found for key in (section.slug, section.name)}
    result = {}
    for name, slug, order, description in SECTIONS:
        section = by_key.get(slug) or by_key.get(name)
        if section is None:
            section = Section.objects.create(
                name=name, slug=slug, order=order, description=description
            )
            counts["sections"] += 1
        result[slug] = section
    return result


def _ensure_sources(counts):
    found = Source.objects.filter(
        Q(slug__in=[row[2] for row in SOURCES]) | Q(short_name__in=[row[0] for row in SOURCES])
    )
    by_key = {key: source for source in found for key in (source.slug, source.short_name)}
    result = {}
    for short_name, name, slug, url in SOURCES:
        source = by_key.get(slug) or by_key.get(short_name)
        if source is None:
            source = Source.objects.create(short_name=short_name, name=name, slug=slug, url=url)
            counts["sources"] += 1
        result[short_name] = source
    return result


def _ensure_authors(counts):
    found = {
        author.slug: author
        for author in Author.objects.filter(slug__in=[row[1] for row in AUTHORS])
    }
    result = {}
    for name, slug, role, _sections, bio in AUTHORS:
        if slug not in found:
            found[slug] = Author.objects.create(name=name, slug=slug, role=role, bio=bio)
            counts["authors"] += 1
        result[slug] = found[slug]
    return result


def _ensure_tags(names, counts):
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in tags:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name)
                counts["tags"] += 1
            tags[name] = tag
    return tags


def stored_picture(*, scene, section_slug, seed, name, caption="", credit="") -> Image:
    """Draw a picture, store its file under ``name`` and return its (unsaved) Image row.

    Without a caption it gets one from what it shows; the credit defaults to the graphics desk.
    """
    picture = draw_picture(scene=scene, section_slug=section_slug, seed=seed)
    if not caption:
        caption = f"{picture.description.split(': ', 1)[1].capitalize()}, drawn for this report."
    return Image(
        file=default_storage.save(name, ContentFile(picture.content)),
        width=picture.width,
        height=picture.height,
        alt_text=picture.description,
        caption=caption[:400],
        credit=credit or SITE_DESK_CREDIT.format(site=settings.SITE_NAME),
    )


def _draw_pictures(plans, sources):
    """Draw and store every picture first; the database rows follow in one transaction."""
    images = {}
    for plan in plans:
        story = plan.story
        credit = f"Illustration: {sources[plan.source].short_name}" if plan.agency_credit else ""
        images[story.slug] = [
            stored_picture(
                scene=scene,
                section_slug=story.section,
                seed=f"{SEED}:{story.slug}:{number}",
                # Image.file holds 100 characters: the folder, 60 of the slug and the number fit.
                name=f"images/{plan.published_at:%Y/%m}/{story.slug[:60]}-{number + 1}.jpg",
                caption=story.captions[number] if number < len(story.captions) else "",
                credit=credit,
            )
            for number, scene in enumerate(plan.scenes)
        ]
    return images


def _create_stories(plans, *, now, sections, sources, authors, counts):
    images = _draw_pictures(plans, sources)
    try:
        with transaction.atomic():
            _write_rows(
                plans,
                images,
                now=now,
                sections=sections,
                sources=sources,
                authors=authors,
                counts=counts,
            )
    except BaseException:
        # The files are not part of the transaction: remove them so a failed run leaves no orphans.
        for rows in images.values():
            for image in rows:
                default_storage.delete(image.file.name)
        raise


def _write_rows(plans, images, *, now, sections, sources, authors, counts):
    Image.objects.bulk_create([image for rows in images.values() for image in rows])
    counts["images"] += sum(len(rows) for rows in images.values())

    articles = Article.objects.bulk_create(
        [
            Article(
                headline=plan.story.headline,
                slug=plan.story.slug,
                standfirst=plan.story.standfirst,
                body=plan.story.body,
                section=sections[plan.story.section],
                source=sources.get(plan.source),
                hero_image=images[plan.story.slug][0],
                status=plan.status,
                published_at=plan.published_at,
                is_breaking=plan.is_breaking,
                # The breaking story has run for hours (as live coverage with the live app) and
                # breaks for the usual hours from now, not from its publication.
                breaking_until=(
                    now + timedelta(hours=settings.BREAKING_NEWS_DEFAULT_HOURS)
                    if plan.is_breaking
                    else None
                ),
                is_featured=plan.is_featured,
            )
            for plan in plans
        ]
    )
    by_slug = {article.slug: article for article in articles}
    # bulk_create skips the receiver that gives every story its discussion row.
    Discussion.objects.bulk_create([Discussion(article=article) for article in articles])
    for plan in plans:
        if plan.status == Article.Status.DRAFT:
            counts["drafts"] += 1
        elif plan.published_at > now:
            counts["scheduled"] += 1
        else:
            counts["published"] += 1
    counts["articles"] += len(articles)

    Article.authors.through.objects.bulk_create(
        [
            Article.authors.through(
                article_id=by_slug[plan.story.slug].pk, author_id=authors[slug].pk
            )
            for plan in plans
            for slug in plan.authors
        ]
    )
    tags = _ensure_tags(sorted({tag for plan in plans for tag in plan.story.tags}), counts)
    TaggedArticle.objects.bulk_create(
        [
            TaggedArticle(content_object_id=by_slug[plan.story.slug].pk, tag_id=tags[name].pk)
            for plan in plans
            for name in dict.fromkeys(plan.story.tags)
        ]
    )
    gallery = [
        GalleryImage(article_id=by_slug[plan.story.slug].pk, image_id=image.pk, order=order)
        for plan in plans
        for order, image in enumerate(images[plan.story.slug][1:])
    ]
    GalleryImage.objects.bulk_create(gallery)
    counts["gallery_images"] += len(gallery)
    Correction.objects.bulk_create(
        [
            Correction(
                article_id=by_slug[plan.story.slug].pk,
                noted_at=plan.updated_at,
                text=plan.correction,
            )
            for plan in plans
            if plan.correction
        ]
    )
    _fix_timestamps(plans, by_slug, now)


def _fix_timestamps(plans, by_slug, now):
    """bulk_create stamped every row with the current time; give each story its own history, in one UPDATE."""
    updated_later = [
        When(pk=by_slug[plan.story.slug].pk, then=Value(plan.updated_at))
        for plan in plans
        if plan.updated_at
    ]
    not_yet_out = Q(published_at__gt=now)
    Article.objects.filter(pk__in=[article.pk for article in by_slug.values()]).update(
        created_at=Case(When(not_yet_out, then=Value(now)), default=F("published_at")),
        updated_at=Case(
            When(not_yet_out, then=Value(now)), *updated_later, default=F("published_at")
        ),
    )
