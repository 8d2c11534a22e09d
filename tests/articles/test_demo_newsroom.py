import hashlib
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from PIL import Image as PILImage

from articles.demo import demo_newsroom_loaded, load_demo_newsroom
from articles.demo.content import COMMON_SLOTS, SOURCES
from articles.demo.stories import BREAKING, DESKS, slots_used
from articles.models import Article, Author, GalleryImage, Image, Section, Source, TaggedArticle
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SMALL = 40


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def newsroom(now):
    return load_demo_newsroom(now=now, article_count=SMALL)


def demo_stories():
    return Article.objects.select_related("hero_image", "source").prefetch_related(
        "authors", "tags"
    )


def test_the_full_run_fills_an_empty_database_with_a_believable_newsroom(now):
    created = load_demo_newsroom(now=now)

    assert created["published"] == 300 and created["drafts"] == 5 and created["scheduled"] == 3
    assert Section.objects.count() >= 8
    assert Article.objects.published().count() >= 300
    assert TaggedArticle.objects.values("tag").distinct().count() >= 60
    assert Source.objects.count() >= 3
    assert Author.objects.count() >= 10
    tag_names = set(TaggedArticle.objects.values_list("tag__name", flat=True))
    assert {"Türkiye", "İstanbul", "İzmir", "Çanakkale", "Diyarbakır"} <= tag_names

    published = Article.objects.published()
    assert not published.filter(published_at__lt=now - timedelta(days=60)).exists()
    last_fortnight = published.filter(published_at__gte=now - timedelta(days=15)).count()
    oldest_fortnight = published.filter(published_at__lt=now - timedelta(days=45)).count()
    assert last_fortnight > 2 * oldest_fortnight

    featured = published.filter(is_featured=True)
    assert 10 <= featured.count() <= 14
    assert 5 <= featured.filter(published_at__gte=now - timedelta(hours=48)).count() <= 6
    by_section = dict(published.values_list("section__slug").annotate(Count("pk")))
    assert all(count >= 10 for count in by_section.values()) and len(by_section) >= 8


def test_running_it_again_creates_nothing_and_changes_nothing(now, newsroom):
    before = list(Article.objects.order_by("pk").values_list("pk", "headline", "updated_at"))
    images = Image.objects.count()

    again = load_demo_newsroom(now=now + timedelta(minutes=5), article_count=SMALL)

    assert not any(again.values())
    assert (
        list(Article.objects.order_by("pk").values_list("pk", "headline", "updated_at")) == before
    )
    assert Image.objects.count() == images


def test_it_creates_what_it_says_it_created(newsroom):
    assert newsroom["articles"] == Article.objects.count() == SMALL + 8
    assert newsroom["images"] == Image.objects.count()
    assert newsroom["gallery_images"] == GalleryImage.objects.count()
    assert newsroom["sections"] == Section.objects.count() >= 8


def test_every_story_has_an_open_discussion(newsroom):
    from comments.models import Discussion

    assert Discussion.objects.filter(mode=Discussion.Mode.OPEN).count() == Article.objects.count()


def test_every_story_has_a_real_hero_picture_with_alt_text_caption_and_credit(newsroom):
    for article in demo_stories():
        image = article.hero_image
        assert image is not None, article.headline
        with default_storage.open(image.file.name) as stored:
            PILImage.open(io.BytesIO(stored.read())).verify()
        assert (image.width, image.height) == (1200, 675)
        assert image.alt_text and image.caption and image.credit.startswith("Illustration: ")


def test_pictures_differ_from_story_to_story(newsroom):
    hashes = set()
    stories = list(demo_stories()[:20])
    for article in stories:
        with default_storage.open(article.hero_image.file.name) as stored:
            hashes.add(hashlib.sha256(stored.read()).hexdigest())
    assert len(hashes) == len(stories)
    assert len({article.hero_image.alt_text for article in stories}) > len(stories) // 2


def test_some_stories_have_a_gallery_of_their_own_pictures(newsroom):
    galleries = Article.objects.annotate(pictures=Count("gallery_items")).filter(pictures__gt=0)
    assert galleries.exists()
    for article in galleries:
        items = list(article.gallery_items.all())
        assert 2 <= len(items) <= 3
        assert article.hero_image_id not in {item.image_id for item in items}


def test_headlines_are_unique_and_slugs_are_readable_ascii(newsroom):
    headlines = list(Article.objects.values_list("headline", "slug"))
    assert len({headline for headline, _ in headlines}) == len(headlines)
    assert len({slug for _, slug in headlines}) == len(headlines)
    assert all(slug.isascii() and slug == slug.lower() for _, slug in headlines)


def test_bodies_read_like_news_copy_without_scripts(newsroom):
    bodies = list(Article.objects.values_list("body", flat=True))
    for body in bodies:
        assert 4 <= body.count("<p>") <= 9
        assert "<script" not in body and "{" not in body
        assert "said" in body and "“" in body
    assert sum("<blockquote>" in body for body in bodies) >= len(bodies) // 4


def test_exactly_one_breaking_story_is_live_and_it_has_run_for_hours(now, newsroom):
    breaking = Article.objects.breaking()
    assert breaking.count() == 1 == Article.objects.filter(is_breaking=True).count()
    story = breaking.get()
    assert now - timedelta(hours=5) <= story.published_at <= now - timedelta(hours=4, minutes=30)
    assert story.breaking_until == now + timedelta(hours=settings.BREAKING_NEWS_DEFAULT_HOURS)


def test_apps_that_build_on_the_demo_hear_of_each_run_and_their_rows_are_counted(now):
    heard = []

    def add_part(sender, *, story, now, stdout, **kwargs):
        heard.append((story.is_breaking, now))
        return {"images": 2, "widgets": 1}

    demo_newsroom_loaded.connect(add_part, dispatch_uid="test-demo-part")
    try:
        created = load_demo_newsroom(now=now, article_count=5)
    finally:
        demo_newsroom_loaded.disconnect(dispatch_uid="test-demo-part")

    assert heard == [(True, now)]
    assert created["widgets"] == 1
    assert created["images"] == Image.objects.count() + 2  # its own two, said but not made


def test_drafts_and_scheduled_stories_stay_out_of_readers_view(now, newsroom):
    published = Article.objects.published()
    drafts = Article.objects.filter(status=Article.Status.DRAFT)
    scheduled = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
    assert drafts.count() == 5 and scheduled.count() == 3
    assert not published.filter(pk__in=drafts).exists()
    assert not published.filter(pk__in=scheduled).exists()
    for article in scheduled:
        assert timedelta(days=1) <= article.published_at - now <= timedelta(days=3)


def test_times_show_a_few_updates_and_corrections_and_nothing_else_changed(now, newsroom):
    published = Article.objects.published()
    updated = [a for a in published if a.updated_at != a.published_at]
    assert 2 <= len(updated) <= 6
    assert all(
        timedelta(minutes=90) <= a.updated_at - a.published_at <= timedelta(hours=3)
        for a in updated
    )
    assert all(a.was_updated for a in updated)
    assert all(a.created_at == a.published_at for a in published)
    corrected = published.filter(corrections__isnull=False).distinct()
    assert corrected.count() >= 1
    assert all(
        correction.noted_at == article.updated_at
        for article in corrected
        for correction in article.corrections.all()
    )


def test_every_story_has_two_to_five_tags_and_a_byline(newsroom):
    bylines = {"source only": 0, "authors only": 0, "both": 0}
    for article in demo_stories():
        assert 2 <= len(article.tags.all()) <= 5, article.headline
        authors = list(article.authors.all())
        assert article.source or authors, article.headline
        if article.source and authors:
            bylines["both"] += 1
        else:
            bylines["authors only" if authors else "source only"] += 1
    assert all(bylines.values()), bylines


def test_agencies_are_fictional_and_live_on_example_domains(newsroom):
    for short_name, _, _, url in SOURCES:
        source = Source.objects.get(short_name=short_name)
        assert source.url == url
        assert ".example." in url and url.startswith("https://")
    assert not Source.objects.filter(
        short_name__in=["AA", "AP", "AFP", "Reuters", "DHA", "IHA"]
    ).exists()


def test_it_leaves_existing_content_alone(now):
    world = SectionFactory(name="World", slug="world", description="Written by an editor.")
    own_story = ArticleFactory(headline="A story an editor wrote", section=world)
    stamp = Article.objects.filter(pk=own_story.pk).values_list("updated_at", flat=True).get()

    load_demo_newsroom(now=now, article_count=12)

    world.refresh_from_db()
    assert world.description == "Written by an editor."
    assert (
        Article.objects.filter(pk=own_story.pk).values_list("updated_at", flat=True).get() == stamp
    )
    assert Section.objects.filter(slug="world").count() == 1


def test_the_command_prints_a_summary_and_then_says_there_is_nothing_to_do():
    first, second = io.StringIO(), io.StringIO()

    call_command("load_demo_newsroom", articles=12, stdout=first)
    call_command("load_demo_newsroom", articles=12, stdout=second)

    assert "12 published" in first.getvalue()
    assert "nothing to create" in second.getvalue()
    assert Article.objects.published().count() == 12


def test_every_template_asks_only_for_slots_that_exist():
    for desk in DESKS:
        known = {"weekday", "month", "site"} | set(COMMON_SLOTS) | set(desk.slots)
        known |= {f"{name}2" for name in known}
        for topic in (*desk.topics, *([BREAKING] if desk is DESKS[0] else [])):
            texts = [
                *topic.headlines,
                *topic.standfirsts,
                *topic.paragraphs,
                *topic.captions,
                *topic.closers,
                *desk.closers,
                *topic.speakers,
                *desk.speakers,
            ]
            texts += [quote[1] for quote in topic.quotes if not isinstance(quote, str)]
            texts += [line for intro, items in topic.lists for line in (intro, *items)]
            for text in texts:
                assert slots_used(text) <= known, (desk.section, text)
