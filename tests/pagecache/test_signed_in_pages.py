"""A signed-in reader's story page is the anonymous readers' current copy with the regions that
are theirs (account menu, messages, discussion) rendered for them: the same page as one built
whole, for a fraction of the work, and never another reader's part."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from newsportal import page_copies
from tests.comments.factories import CommentFactory, UserFactory
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache_on")]

# What differs between two renders of the same page for the same reader.
_PER_RENDER = [
    (rb'name="csrfmiddlewaretoken" value="[^"]+"', b'name="csrfmiddlewaretoken" value="-"'),
    (rb'name="token" value="[^"]+"', b'name="token" value="-"'),
]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=600, FRAGMENT_CACHE_SECONDS=600):
        yield


def _reader(name):
    user = UserFactory(username=name, commenter__display_name=name.title())
    client = Client()
    client.force_login(user)
    return user, client


def _comparable(content):
    for pattern, replacement in _PER_RENDER:
        content = re.sub(pattern, replacement, content)
    return content


def test_the_page_from_the_shared_copy_is_the_page_built_whole():
    story = ArticleFactory(headline="Ferry timetable changes")
    author, _ = _reader("ayse")
    CommentFactory(article=story, author=author, body="Welcome news")
    path = story.get_absolute_url()
    _user, client = _reader("nilufer")
    with override_settings(PAGE_CACHE_SECONDS=0):
        built_whole = client.get(path)
    assert "X-Page-Cache" not in built_whole  # no page cache: the view builds it all
    from_copy = client.get(path)
    assert from_copy["X-Page-Cache"] == "reader"
    assert from_copy["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert "xkey" not in from_copy
    assert _comparable(from_copy.content) == _comparable(built_whole.content)
    assert b"Commenting as <strong>Nilufer</strong>" in from_copy.content
    assert b"Log in to comment" not in from_copy.content
    # Her forms work: a report form under Ayşe's comment, with a CSRF token of her session.
    assert b'name="reason"' in from_copy.content
    assert b"csrfmiddlewaretoken" in from_copy.content


def test_a_signed_in_reader_first_builds_the_copy_an_anonymous_reader_would_get():
    story = ArticleFactory(headline="Ferry timetable changes")
    path = story.get_absolute_url()
    _user, client = _reader("nilufer")
    # With an edge in front, anonymous readers seldom reach the app: the copy is built here.
    page = client.get(path)
    assert page["X-Page-Cache"] == "reader"
    anonymous = Client().get(path)
    assert anonymous["X-Page-Cache"] == "hit"
    assert b"Nilufer" not in anonymous.content
    assert b"csrfmiddlewaretoken" not in anonymous.content
    assert b"Log in to comment" in anonymous.content
    assert "public" in anonymous["Cache-Control"] and not anonymous.cookies


def test_each_reader_gets_their_own_parts_and_no_one_elses():
    story = ArticleFactory(headline="Ferry timetable changes")
    path = story.get_absolute_url()
    Client().get(path)  # the anonymous copy
    ayse, ayse_client = _reader("ayse")
    CommentFactory(article=story, author=ayse, body="Still waiting", status="pending")
    _nilufer, nilufer_client = _reader("nilufer")
    ayse_page, nilufer_page = ayse_client.get(path), nilufer_client.get(path)
    assert ayse_page["X-Page-Cache"] == nilufer_page["X-Page-Cache"] == "reader"
    assert b"Still waiting" in ayse_page.content  # her own comment, awaiting moderation
    assert b"Still waiting" not in nilufer_page.content
    assert b"Commenting as <strong>Ayse</strong>" in ayse_page.content
    assert b"Commenting as <strong>Nilufer</strong>" in nilufer_page.content
    assert b"Ayse" not in nilufer_page.content
    # The anonymous copy is untouched by either.
    anonymous = Client().get(path)
    assert anonymous["X-Page-Cache"] == "hit"
    assert b"Log in to comment" in anonymous.content and b"Still waiting" not in anonymous.content


def test_a_message_for_the_reader_is_shown_once_on_a_page_from_the_shared_copy():
    story = ArticleFactory(headline="Ferry timetable changes")
    path = story.get_absolute_url()
    Client().get(path)
    _user, client = _reader("nilufer")
    # What a form's redirect leaves for the next page (django.contrib.messages' cookie).
    client.cookies["messages"] = CookieStorage(HttpRequest())._encode(
        [Message(constants.SUCCESS, "Your comment is awaiting moderation.")]
    )
    first, second = client.get(path), client.get(path)
    assert first["X-Page-Cache"] == "reader"
    assert b"Your comment is awaiting moderation." in first.content
    assert b"Your comment is awaiting moderation." not in second.content


def test_a_signed_in_page_from_the_shared_copy_has_a_fixed_number_of_queries():
    story = ArticleFactory(headline="Ferry timetable changes")
    path = story.get_absolute_url()
    Client().get(path)
    _user, client = _reader("nilufer")
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path)
    assert page["X-Page-Cache"] == "reader"
    # The session (the database's here; production's cached_db reads it from Redis), its user,
    # and the commenter with whether they have anything pending here.
    assert len(queries) == 3, [q["sql"] for q in queries]


def test_a_page_whose_regions_do_not_match_is_not_made_from_it():
    page = b"<p>a</p><!--reader:account-->anon<!--/reader:account--><p>b</p>"
    mine = {"account": lambda: "<nav>mine</nav>"}
    assert page_copies.with_reader_parts(page, mine) == (
        b"<p>a</p><!--reader:account--><nav>mine</nav><!--/reader:account--><p>b</p>"
    )
    # A region nobody renders, or a part the page has no region for: no page at all.
    assert page_copies.with_reader_parts(page, {}) is None
    assert page_copies.with_reader_parts(page, {**mine, "discussion": lambda: "x"}) is None
    twice = page + b"<!--reader:account-->again<!--/reader:account-->"
    assert page_copies.with_reader_parts(twice, mine) is None


def test_a_comment_cannot_forge_a_region():
    story = ArticleFactory(headline="Ferry timetable changes")
    author, _ = _reader("ayse")
    CommentFactory(
        article=story, author=author, body="<!--/reader:discussion-->forged<!--reader:discussion-->"
    )
    path = story.get_absolute_url()
    Client().get(path)
    _user, client = _reader("nilufer")
    page = client.get(path)
    assert page["X-Page-Cache"] == "reader"
    assert b"&lt;!--/reader:discussion--&gt;forged" in page.content
    assert b"Commenting as <strong>Nilufer</strong>" in page.content


def test_no_part_is_rendered_when_the_regions_do_not_match():
    # A part may change the session (the discussion takes a failed post's draft out of it): a
    # page then built whole must still find it there.
    rendered = []
    parts = {
        "discussion": lambda: rendered.append("discussion") or "<section>mine</section>",
        "account": lambda: rendered.append("account") or "<nav>mine</nav>",
    }
    page = b"<!--reader:discussion-->anon<!--/reader:discussion--><p>story</p>"
    assert page_copies.with_reader_parts(page, parts) is None
    assert rendered == []


def test_a_copy_that_cannot_be_kept_is_not_built_again_for_each_signed_in_reader(monkeypatch):
    from newsportal.pagecache import AnonymousPageCacheMiddleware

    story = ArticleFactory(headline="Ferry timetable changes")
    builds = []
    real_build = AnonymousPageCacheMiddleware._build
    monkeypatch.setattr(
        AnonymousPageCacheMiddleware,
        "_build",
        lambda self, *args: builds.append(1) or real_build(self, *args),
    )
    _user, client = _reader("nilufer")
    old_address = f"/news/{story.pk}/an-old-slug/"  # moved for good: never kept
    assert client.get(old_address).status_code == 301
    assert client.get(old_address).status_code == 301
    assert len(builds) == 1
