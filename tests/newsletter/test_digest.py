"""The daily digest: built from the day's top stories, once per day, queued for the confirmed."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from articles import front_page_editing
from newsletter.digest import digest_build, digest_queue, digest_send_test
from newsletter.models import Delivery, Digest, Subscriber
from newsletter.rendering import absolute_url, render_digest
from tests.factories import ArticleFactory
from tests.newsletter.factories import DigestFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def todays_news():
    now = timezone.now()
    return {
        "old": ArticleFactory(headline="Yesterday's news", published_at=now - timedelta(hours=30)),
        "new": ArticleFactory(headline="Newest story", published_at=now - timedelta(minutes=10)),
        "older": ArticleFactory(headline="Older story", published_at=now - timedelta(hours=5)),
        "featured": ArticleFactory(
            headline="Featured story", published_at=now - timedelta(hours=8), is_featured=True
        ),
        "draft": ArticleFactory(headline="A draft", status="draft"),
    }


def test_the_digest_has_the_last_24_hours_featured_first_then_newest(todays_news):
    digest, created = digest_build()
    assert created
    assert [item.article.headline for item in digest.items.all()] == [
        "Featured story",
        "Newest story",
        "Older story",
    ]
    assert digest.status == Digest.Status.DRAFT
    assert digest.edition == timezone.localdate()


def test_building_twice_the_same_day_gives_the_same_digest(todays_news):
    first, _ = digest_build()
    second, created = digest_build()
    assert not created and first == second
    assert Digest.objects.count() == 1
    assert first.items.count() == 3


def test_the_command_is_idempotent_for_the_same_day(
    todays_news, outbox, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3)
    SubscriberFactory(status=Subscriber.Status.PENDING)
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_digest")
    assert len(outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_digest")
    digest = Digest.objects.get()
    assert digest.status == Digest.Status.SENT
    assert Delivery.objects.count() == 3
    assert Delivery.objects.filter(status="sent").count() == 3
    assert len(outbox) == 3
    assert len({m.to[0] for m in outbox}) == 3


def test_build_only_leaves_a_draft_that_editors_may_reorder(
    todays_news, outbox, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    call_command("send_daily_digest", "--build-only")
    digest = Digest.objects.get()
    assert digest.status == Digest.Status.DRAFT
    assert not Delivery.objects.exists() and outbox == []
    last = digest.items.last()
    last.order = 0
    last.save()
    digest.items.exclude(pk=last.pk).update(order=5)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_digest")
    assert outbox[0].body.index("Older story") < outbox[0].body.index("Featured story")


def test_queueing_again_adds_no_deliveries(todays_news, outbox):
    SubscriberFactory.create_batch(2)
    digest, _ = digest_build()
    assert digest_queue(digest=digest) == 2
    assert digest_queue(digest=digest) == 0
    assert Delivery.objects.count() == 2


def test_a_day_without_stories_sends_nothing(outbox):
    SubscriberFactory()
    with pytest.raises(Exception, match="No story"):
        call_command("send_daily_digest")
    assert outbox == []


def test_the_email_has_each_story_with_picture_headline_standfirst_and_link(
    todays_news, outbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_digest")
    message = outbox[0]
    html = message.alternatives[0][0]
    featured = todays_news["featured"]
    assert featured.headline in html and featured.standfirst in html
    assert f"http://127.0.0.1:8000{featured.get_absolute_url()}" in html
    assert '<img src="http://127.0.0.1:8000/media/' in html
    assert featured.headline in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert str(subscriber.public_id) in message.extra_headers["List-Unsubscribe"]


def test_pictures_already_on_another_host_keep_their_own_address(todays_news, settings):
    settings.MEDIA_URL = "https://media.example-cdn.com/news/"  # object storage, as S3 gives it
    digest, _ = digest_build()
    html = render_digest(digest).html
    assert '<img src="https://media.example-cdn.com/news/' in html
    assert "8000https://" not in html
    featured = todays_news["featured"]
    assert f"http://127.0.0.1:8000{featured.get_absolute_url()}" in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/news/1/story/", "https://news.example.com/news/1/story/"),
        ("https://cdn.example.com/a.jpg", "https://cdn.example.com/a.jpg"),
        ("//cdn.example.com/a.jpg", "//cdn.example.com/a.jpg"),
    ],
)
def test_only_site_paths_get_the_site_address(url, expected):
    assert absolute_url(url, "https://news.example.com/") == expected


def test_send_test_to_me_records_nothing(todays_news, outbox):
    digest, _ = digest_build()
    digest_send_test(digest=digest, email="editor@example.org")
    assert outbox[0].subject.startswith("[Test]")
    assert not Delivery.objects.exists()
    digest.refresh_from_db()
    assert digest.status == Digest.Status.DRAFT


def test_the_archive_lists_only_digests_that_went_out(client, todays_news):
    draft = DigestFactory(edition=timezone.localdate() - timedelta(days=1), subject="Draft one")
    sent, _ = digest_build()
    Digest.objects.filter(pk=sent.pk).update(status=Digest.Status.SENT)
    archive = client.get("/newsletter/archive/").content.decode()
    assert sent.get_absolute_url() in archive
    assert draft.get_absolute_url() not in archive
    page = client.get(sent.get_absolute_url())
    assert page.status_code == 200
    assert "Featured story" in page.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("edition", ["2026-02-30", "yesterday", "2026-13-01", "9" * 50])
def test_a_bad_archive_date_is_a_404(client, edition):
    assert client.get(f"/newsletter/archive/{edition}/").status_code == 404


def test_the_digest_follows_the_front_page_lead_first_then_breaking_then_the_day(todays_news):
    now = timezone.now()
    ArticleFactory(
        headline="Quake shakes the coast", published_at=now - timedelta(hours=3), is_breaking=True
    )
    lead = todays_news["older"]  # placed by an editor, ahead of the featured story
    editor = User.objects.create_user("desk", is_staff=True)
    layout = front_page_editing.live_layout_for_editing(by=editor)
    front_page_editing.place_story(layout, position=0, article_id=lead.pk)

    digest, _ = digest_build()
    assert [item.article.headline for item in digest.items.order_by("order")] == [
        "Older story",  # the front page's lead
        "Featured story",  # its top story (filled from the featured ones)
        "Quake shakes the coast",  # the day's breaking news
        "Newest story",  # the rest of the day, newest first
    ]

    html = render_digest(digest).html
    assert html.count('class="digest-lead"') == 1
    assert html.index("Older story") < html.index('class="digest-story"')
    assert html.count('class="digest-story"') == 3
