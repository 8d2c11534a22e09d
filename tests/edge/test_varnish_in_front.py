"""The site in its production profile (gunicorn, Redis) with a real Varnish in front, configured
by deploy/varnish/default.vcl and purged by the app (VARNISH_PURGE_URLS): what readers, editors
and commenters see through the edge. Marker ``edge`` (`make test-edge`); skipped without varnishd.
"""

import re
import time
import uuid

import pytest

from tests.faults.infra import Site, ThrowawayRedis, Varnish, free_port, run_manage, varnishd_path

from .browser import Browser

ADMIN_PASSWORD = "edge-admin-" + uuid.uuid4().hex
READER_PASSWORD = "edge-reader-" + uuid.uuid4().hex
READER_NAME = "Ayşe Kenarda"
STORY_LINK = re.compile(r'href="(/news/(\d+)/[^"/]+/)"')

pytestmark = pytest.mark.skipif(
    varnishd_path() is None,
    reason="varnishd is not installed (apt-get install varnish varnish-modules)",
)


def make_reader(env):
    run_manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from allauth.account.models import EmailAddress\n"
        "from comments.models import Commenter\n"
        f"user = get_user_model().objects.create_user('ayse', 'ayse@example.org', {READER_PASSWORD!r})\n"
        "EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)\n"
        f"Commenter.objects.create(user=user, display_name={READER_NAME!r})\n",
    )


@pytest.fixture(scope="module")
def deployment():
    """The site and Varnish in front of it; the app purges Varnish after each change."""
    redis = ThrowawayRedis().start()
    varnish_port = free_port()
    site = Site(
        {
            "REDIS_URL": redis.url(0),
            "VARNISH_PURGE_URLS": f"http://127.0.0.1:{varnish_port}",
            "TRUSTED_PROXY_COUNT": "1",  # Varnish appends the reader's address
            "DEMO_ADMIN_PASSWORD": ADMIN_PASSWORD,
        }
    )
    varnish = None
    try:
        run_manage(site.env, "load_demo_newsroom", "--articles", "10")
        run_manage(site.env, "ensure_demo_admin")
        make_reader(site.env)
        varnish = Varnish(site.port, port=varnish_port).start()
        home = site.get("/")
        assert home.status == 200, home.text[:500]
        stories = list(dict.fromkeys(STORY_LINK.findall(home.text)))
        assert len(stories) >= 4, "the demo newsroom's home page links fewer than 4 stories"
        yield {"site": site, "varnish": varnish, "stories": stories}
    finally:
        if varnish:
            varnish.destroy()
        site.stop()
        redis.stop()


def signed_in(base_url, path, form, credentials):
    browser = Browser(base_url)
    status, _headers, page = browser.submit(path, form, credentials)
    assert status == 200, page[:2000]
    return browser, page


def test_the_second_request_for_a_story_is_a_hit(deployment):
    varnish = deployment["varnish"]
    story, _pk = deployment["stories"][0]
    first = varnish.get(story)
    assert first.status == 200
    assert first.headers["X-Cache"] == "MISS"
    assert "Set-Cookie" not in first.headers
    second = varnish.get(story)
    assert (second.status, second.headers["X-Cache"]) == (200, "HIT")
    assert second.body == first.body
    for header in ("xkey", "Surrogate-Key", "Cache-Tag"):
        assert header.lower() not in {name.lower() for name in second.headers}


def test_a_story_edit_saved_through_the_admin_is_visible_on_the_next_request(deployment):
    varnish = deployment["varnish"]
    story, pk = deployment["stories"][1]
    varnish.get(story)
    assert varnish.get(story).headers["X-Cache"] == "HIT"

    editor, _page = signed_in(
        varnish.url,
        "/admin/login/",
        "login-form",
        {"username": "admin", "password": ADMIN_PASSWORD},
    )
    headline = f"Edited at the edge {uuid.uuid4().hex[:8]}"
    status, _headers, page = editor.submit(
        f"/admin/articles/article/{pk}/change/",
        "article_form",
        {"headline": headline},
        extra=[("_save", "Save")],
    )
    assert status == 200 and "was changed successfully" in page, page[:3000]

    after = varnish.get(story)
    assert after.status == 200
    assert headline in after.text
    assert after.headers["X-Cache"] == "MISS"


def test_a_pending_comment_leaves_the_story_page_a_hit(deployment):
    varnish = deployment["varnish"]
    story, pk = deployment["stories"][2]
    varnish.get(story)
    assert varnish.get(story).headers["X-Cache"] == "HIT"

    reader, _page = signed_in(
        varnish.url,
        "/accounts/login/",
        "/accounts/login/",
        {"login": "ayse@example.org", "password": READER_PASSWORD},
    )
    comment = f"A first comment from the edge {uuid.uuid4().hex[:8]}"
    status, _headers, page = reader.submit(
        story, f"/comments/post/{pk}/", {"body": comment, "accept_guidelines": "on"}
    )
    assert status == 200 and "awaiting moderation" in page, page[:3000]

    anonymous = varnish.get(story)
    assert anonymous.headers["X-Cache"] == "HIT"
    assert comment not in anonymous.text


def test_a_signed_in_reader_gets_their_own_page_not_the_cached_one(deployment):
    varnish = deployment["varnish"]
    story, _pk = deployment["stories"][3]
    varnish.get(story)
    cached = varnish.get(story)
    assert cached.headers["X-Cache"] == "HIT"
    assert "Log out" not in cached.text

    reader, _page = signed_in(
        varnish.url,
        "/accounts/login/",
        "/accounts/login/",
        {"login": "ayse@example.org", "password": READER_PASSWORD},
    )
    status, headers, page = reader.get(story)
    assert status == 200
    assert headers["X-Cache"] == "MISS"
    assert "Log out" in page and "My comments" in page
    assert "Log in" not in page
    # Their page was not cached for the next anonymous reader either.
    again = varnish.get(story)
    assert again.headers["X-Cache"] == "HIT" and "Log out" not in again.text


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_with_the_origin_stopped_readers_get_the_last_copy_and_healthz_says_so(deployment):
    """Its own origin (same database) with a short edge lifetime, so the copy served is stale."""
    first_site = deployment["site"]
    story, _pk = deployment["stories"][4 % len(deployment["stories"])]
    varnish_port = free_port()
    site = Site({**first_site.env, "EDGE_CACHE_SECONDS": "2"}, migrate=False)
    varnish = Varnish(site.port, port=varnish_port).start()
    try:
        first = varnish.get(story)
        assert first.status == 200
        s_maxage = int(re.search(r"s-maxage=(\d+)", first.headers["Cache-Control"]).group(1))
        assert s_maxage == 2
        assert varnish.get(story).headers["X-Cache"] == "HIT"

        site.stop()
        assert wait_for(lambda: b"origin-down" in varnish.get("/healthz").body)
        health = varnish.get("/healthz")
        assert health.status == 503
        assert health.headers["Content-Type"] == "application/json"
        assert (
            health.text.replace(" ", "") == '{"status":"origin-down","edge":"servingcachedpages"}'
        )

        time.sleep(s_maxage + 0.5)
        stale = varnish.get(story)
        assert stale.status == 200
        assert stale.body == first.body
        assert int(stale.headers["Age"]) > s_maxage
        # A page never cached has nothing to fall back on.
        assert varnish.get("/search/?q=never-cached").status == 503
    finally:
        varnish.destroy()
        site.stop()
