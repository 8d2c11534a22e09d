"""The demo newsroom's earthquake story, run as live coverage (live/demo.py)."""

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as PILImage

from articles.demo import load_demo_newsroom
from articles.models import Article, Image
from live.demo_entries import ENTRIES
from live.models import LiveCoverage, LiveEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def created(now):
    return load_demo_newsroom(now=now, article_count=12)


@pytest.fixture
def coverage(created):
    return LiveCoverage.objects.select_related("article").get()


def entries(coverage):
    return list(coverage.entries.for_readers().order_by("sequence"))


def test_the_breaking_earthquake_story_is_running_live_coverage_of_about_forty_updates(
    created, coverage
):
    story = coverage.article
    assert story.is_breaking_now and Article.objects.breaking().get() == story
    assert "earthquake" in story.headline
    assert coverage.is_live and coverage.ended_at is None
    assert 35 <= len(entries(coverage)) == len(ENTRIES) <= 45
    assert coverage.last_sequence == len(ENTRIES) == created["live_entries"]
    assert [entry.sequence for entry in entries(coverage)] == list(range(1, len(ENTRIES) + 1))


def test_updates_span_hours_in_posting_order_and_end_near_now(now, coverage):
    times = [entry.posted_at for entry in entries(coverage)]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert times[-1] - times[0] >= timedelta(hours=4)
    assert now - timedelta(minutes=10) <= times[-1] <= now
    assert times[0] >= coverage.started_at == coverage.article.published_at
    assert coverage.last_entry_at == times[-1]


def test_the_updates_read_like_wire_copy_about_the_storys_city(coverage):
    city = coverage.article.headline.split(" strikes ")[1].split(";")[0]
    texts = [entry.title + entry.body for entry in entries(coverage)]
    assert sum(city in text for text in texts) >= 10
    assert not any("{" in text or "<script" in text for text in texts)
    assert all(entry.title and entry.body.startswith("<") for entry in entries(coverage))


def test_several_key_events_and_one_pinned_summary(coverage):
    key_events = coverage.entries.filter(is_key_event=True)
    assert 6 <= key_events.count() <= 15
    pinned = coverage.entries.get(is_pinned=True)
    assert pinned.title == "What we know so far" and "<li>" in pinned.body


def test_some_updates_have_drawn_pictures_with_caption_credit_and_alt_text(coverage):
    with_pictures = [entry for entry in entries(coverage) if entry.image_id]
    assert 3 <= len(with_pictures) <= 8
    for entry in with_pictures:
        image = entry.image
        with default_storage.open(image.file.name) as stored:
            PILImage.open(io.BytesIO(stored.read())).verify()
        assert image.alt_text and image.caption and image.credit.startswith("Illustration: ")
    assert len({entry.image.file.name for entry in with_pictures}) == len(with_pictures)


def test_one_update_was_corrected_and_its_history_keeps_both_versions(coverage):
    corrected = coverage.entries.get(edited_at__isnull=False)
    assert "Correction:" in corrected.body and "12" in corrected.body
    assert timedelta(minutes=5) <= corrected.edited_at - corrected.posted_at <= timedelta(hours=1)
    versions = list(corrected.history.order_by("history_date"))
    assert [version.history_type for version in versions] == ["+", "~"]
    assert "14" in versions[0].body and "Correction:" not in versions[0].body
    assert versions[0].history_date == corrected.posted_at
    assert versions[1].history_date == corrected.edited_at
    assert LiveEntry.history.filter(history_type="~").count() == 1


def test_two_updates_embed_a_video_and_a_post_of_valid_shape(coverage):
    embedded = [entry.embed for entry in entries(coverage) if entry.embed_url]
    assert len(embedded) == 2 and all(embedded)
    assert {embed.provider for embed in embedded} == {"youtube", "bluesky"}
    assert {embed.is_video for embed in embedded} == {True, False}


def test_several_reporters_share_the_updates(coverage):
    authors = {entry.author.slug for entry in entries(coverage) if entry.author}
    assert len(authors) >= 4
    assert all(entry.author for entry in entries(coverage))


def test_loading_the_demo_again_adds_no_coverage_updates_or_pictures(now, coverage):
    before = list(LiveEntry.objects.order_by("pk").values_list("pk", "posted_at", "body"))
    images = Image.objects.count()

    again = load_demo_newsroom(now=now + timedelta(minutes=5), article_count=12)

    assert again["live_coverage"] == again["live_entries"] == 0 and not any(again.values())
    assert LiveCoverage.objects.count() == 1
    assert list(LiveEntry.objects.order_by("pk").values_list("pk", "posted_at", "body")) == before
    assert Image.objects.count() == images
    assert LiveEntry.history.count() == len(before) + 1


def test_the_command_says_what_coverage_it_added_and_then_nothing():
    first, second = io.StringIO(), io.StringIO()

    call_command("load_demo_newsroom", articles=5, stdout=first)
    call_command("load_demo_newsroom", articles=5, stdout=second)

    assert f"{len(ENTRIES)} updates" in first.getvalue()
    assert "Live coverage" not in second.getvalue()
    assert "nothing to create" in second.getvalue()
    assert LiveEntry.objects.count() == len(ENTRIES)


def test_an_older_demo_gets_coverage_of_a_few_hours_after_its_story(now, created):
    LiveCoverage.objects.all().delete()
    story = Article.objects.get(is_breaking=True)
    Article.objects.filter(pk=story.pk).update(published_at=now - timedelta(days=3))

    load_demo_newsroom(now=now, article_count=12)

    times = list(LiveEntry.objects.order_by("sequence").values_list("posted_at", flat=True))
    assert len(times) == len(ENTRIES)
    assert times[-1] - (now - timedelta(days=3)) <= timedelta(hours=6)
