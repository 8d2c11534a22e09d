"""Build a large newsroom quickly with bulk inserts: articles, tag uses, comments, subscribers.

    python -m bench.generate --articles 100000 --comments 1000000 --subscribers 100000

Rows are written in batches inside transactions, bypassing save() and signals (the sanitiser,
the slug builder and picture processing are measured by the unit tests, not here). Pictures are
a pool of 50 real JPEGs made by Pillow, shared by all stories, as renditions are made once.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta

BATCH = 5000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--tag-uses", type=int, default=None, help="default: 3 per article")
    parser.add_argument("--tags", type=int, default=2000)
    parser.add_argument("--comments", type=int, default=0)
    parser.add_argument("--subscribers", type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    started = time.monotonic()
    counts = generate(
        articles=args.articles,
        tag_uses=args.tag_uses if args.tag_uses is not None else 3 * args.articles,
        tags=args.tags,
        comments=args.comments,
        subscribers=args.subscribers,
    )
    refresh_planner_statistics()
    print(f"Generated {counts} in {time.monotonic() - started:.1f} s", file=sys.stderr)


def refresh_planner_statistics():
    """ANALYZE, as a live database has statistics: PostgreSQL's autovacuum gathers them after
    large changes, and SQLite's planner uses them once ANALYZE (or PRAGMA optimize) has run.
    Without them a freshly bulk-loaded database is planned as if its tables were empty."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def generate(*, articles, tag_uses, tags, comments=0, subscribers=0):
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag

    from articles.models import Article, Author, Image, Section, Source, TaggedArticle
    from comments.models import Discussion
    from tests.factories import jpeg_bytes

    rng = random.Random(2026)
    now = timezone.now()
    counts = {}
    with transaction.atomic():
        sections = [
            Section.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})[0]
            for order, (name, slug) in enumerate(
                [
                    ("Türkiye", "turkiye"),
                    ("World", "world"),
                    ("Politics", "politics"),
                    ("Economy", "economy"),
                    ("Business", "business"),
                    ("Sport", "sport"),
                    ("Science", "science"),
                    ("Culture", "culture"),
                ]
            )
        ]
        sources = [
            Source.objects.get_or_create(
                slug=f"agency-{n}", defaults={"short_name": f"AG{n}", "name": f"Agency {n}"}
            )[0]
            for n in range(5)
        ]
        authors = [
            Author.objects.get_or_create(slug=f"reporter-{n}", defaults={"name": f"Reporter {n}"})[
                0
            ]
            for n in range(40)
        ]
        images = []
        for n in range(50):
            image = Image(alt_text=f"Picture {n}", caption=f"Caption {n}", credit="Bench desk")
            image.file.save(f"bench-{n}.jpg", ContentFile(jpeg_bytes(1200, 800)), save=False)
            image.width, image.height = 1200, 800
            images.append(image)
        Image.objects.bulk_create(images)
        tag_rows = Tag.objects.bulk_create(
            [Tag(name=f"Topic {n}", slug=f"topic-{n}") for n in range(tags)], ignore_conflicts=True
        )
        tag_ids = list(
            Tag.objects.filter(slug__startswith="topic-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        counts["tags"] = len(tag_rows)

    words = [
        "bridge",
        "ferry",
        "election",
        "inflation",
        "harbour",
        "museum",
        "league",
        "drought",
        "vaccine",
        "satellite",
        "budget",
        "festival",
        "earthquake",
        "port",
        "railway",
        "court",
        "teachers",
        "farmers",
        "energy",
        "water",
    ]
    first_pk = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    for start in range(0, articles, BATCH):
        size = min(BATCH, articles - start)
        rows = []
        for offset in range(size):
            number = start + offset
            # Stories are written in time order, as in a newsroom: the highest number (and id) is
            # the newest, published a minute ago; each earlier one five minutes before.
            age = articles - 1 - number
            topic = " ".join(rng.sample(words, 3))
            rows.append(
                Article(
                    headline=f"Story {number}: {topic}",
                    slug=f"story-{number}-{topic.replace(' ', '-')}",
                    standfirst=f"What happened with the {topic} today.",
                    body="".join(f"<p>Paragraph {p} about the {topic}.</p>" for p in range(6)),
                    section=rng.choice(sections),
                    source=rng.choice(sources),
                    hero_image=rng.choice(images),
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(minutes=age * 5 + 1),
                    # One in fifty featured; one in five hundred was breaking news, of which
                    # only the newest is still live (bulk_create skips save(), which sets the end).
                    is_featured=age % 50 == 0,
                    is_breaking=age % 500 == 0,
                    breaking_until=(
                        now - timedelta(minutes=age * 5) + timedelta(hours=4)
                        if age % 500 == 0
                        else None
                    ),
                )
            )
        with transaction.atomic():
            Article.objects.bulk_create(rows, batch_size=1000)
    article_ids = list(
        Article.objects.filter(pk__gte=first_pk).order_by("pk").values_list("pk", flat=True)
    )
    counts["articles"] = len(article_ids)
    # Every story has its discussion row (comments.Discussion); bulk_create skips the receiver
    # that makes it.
    for start in range(0, len(article_ids), BATCH):
        with transaction.atomic():
            Discussion.objects.bulk_create(
                [Discussion(article_id=pk) for pk in article_ids[start : start + BATCH]]
            )

    through = Article.authors.through
    with transaction.atomic():
        through.objects.bulk_create(
            [through(article_id=pk, author_id=rng.choice(authors).pk) for pk in article_ids],
            batch_size=BATCH,
        )
    # A newsroom's tags have a long tail: a few run on thousands of stories, most on a handful.
    # Cubing a uniform draw puts about 8% of uses on topic-0 and 0.7% on topic-7 (the tag the
    # benchmark measures: a full page of stories at 1,000 stories as at 100,000).
    uses = set()
    while len(uses) < min(tag_uses, len(article_ids) * len(tag_ids)):
        uses.add((rng.choice(article_ids), tag_ids[int(len(tag_ids) * rng.random() ** 3)]))
    uses = sorted(uses)
    for start in range(0, len(uses), 50_000):
        with transaction.atomic():
            TaggedArticle.objects.bulk_create(
                [
                    TaggedArticle(content_object_id=a, tag_id=t)
                    for a, t in uses[start : start + 50_000]
                ],
                batch_size=BATCH,
            )
    counts["tag_uses"] = len(uses)

    if comments:
        counts["comments"] = _generate_comments(rng, article_ids, comments, now)
    if subscribers:
        counts["subscribers"] = _generate_subscribers(subscribers, now)
    return counts


def _generate_comments(rng, article_ids, total, now):
    """Approved comments from 2,000 readers on the 2,000 newest stories; one in five is a reply."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from comments.models import Comment, Discussion

    User = get_user_model()
    with transaction.atomic():
        User.objects.bulk_create(
            [User(username=f"reader{n}", email=f"reader{n}@example.com") for n in range(2000)],
            ignore_conflicts=True,
        )
    user_ids = list(User.objects.filter(username__startswith="reader").values_list("pk", flat=True))
    recent = article_ids[-2000:]  # the highest ids are the newest stories
    made = 0
    while made < total:
        size = min(20_000, total - made)
        rows = [
            Comment(
                article_id=rng.choice(recent),
                author_id=rng.choice(user_ids),
                body=f"Comment {made + n}: a reader's view on the story.",
                status=Comment.Status.APPROVED,
                created_at=now - timedelta(seconds=total - made - n),
            )
            for n in range(size)
        ]
        with transaction.atomic():
            Comment.objects.bulk_create(rows, batch_size=BATCH)
        made += size
    # The approved-comment counters that cards and story headers show, as the services keep them.
    approved = (
        Comment.objects.filter(article=OuterRef("article"), status=Comment.Status.APPROVED)
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    with transaction.atomic():
        Discussion.objects.filter(article__in=recent).update(
            comment_count=Coalesce(Subquery(approved), 0)
        )
    return made


def _generate_subscribers(total, now):
    from django.db import transaction

    from newsletter.models import Subscriber

    made = 0
    while made < total:
        size = min(20_000, total - made)
        rows = [
            Subscriber(
                email=f"subscriber{made + n}@example.com",
                status=Subscriber.Status.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(size)
        ]
        with transaction.atomic():
            Subscriber.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        made += size
    return made


if __name__ == "__main__":
    main()
