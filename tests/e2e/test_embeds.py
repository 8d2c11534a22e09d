"""A story with an embedded video: nothing is asked of the provider until the reader presses
"Play video", then its private player (youtube-nocookie.com) is framed in place.

Every request the page makes is recorded; any to a host other than the live server is aborted,
so nothing reaches the internet (the player's request included: its frame stays empty)."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles.models import StoryEmbed
from tests.e2e.test_accessibility import AXE, BLOCKING_IMPACTS, describe
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"


@pytest.fixture
def story_with_video(transactional_db):
    story = ArticleFactory(
        headline="Aftershocks felt across the Aegean coast",
        body="<p>The first tremor came at dawn.</p><p>Residents spent the night outdoors.</p>",
    )
    StoryEmbed.objects.create(
        article=story, embed_url=VIDEO, after_paragraph=1, caption="Footage from the coast"
    )
    return story


@pytest.fixture
def requests_seen(context, live_server):
    """Hosts of every request the pages of ``context`` make, in order; foreign ones aborted."""
    local = urlsplit(live_server.url).hostname
    seen = []

    def route(route):
        host = urlsplit(route.request.url).hostname
        seen.append(host)
        if host == local:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    return seen


def test_the_video_loads_from_the_provider_only_after_the_reader_asks(
    page, story_with_video, requests_seen, live_server
):
    page.goto(story_with_video.get_absolute_url())
    page.wait_for_load_state("networkidle")
    local = urlsplit(live_server.url).hostname
    assert requests_seen and set(requests_seen) == {local}
    facade = page.locator("figure.embed--youtube")
    expect(facade).to_contain_text("Loads content from YouTube, which may set cookies.")
    expect(facade.get_by_role("link", name=VIDEO)).to_have_attribute("href", VIDEO)
    assert page.locator("iframe").count() == 0

    with page.expect_request(PLAYER):
        facade.get_by_role("button", name="Play video").click()

    frame = facade.locator("iframe.embed__frame")
    expect(frame).to_have_attribute("src", PLAYER)
    expect(frame).to_have_attribute("title", "Video on YouTube")
    expect(frame).to_have_attribute(
        "sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"
    )
    expect(frame).to_have_attribute("referrerpolicy", "strict-origin-when-cross-origin")
    expect(frame).to_be_focused()
    expect(facade.get_by_role("button", name="Play video")).to_have_count(0)
    expect(facade).to_contain_text("Footage from the coast")
    # The only foreign request is the player's, after the click (and it was aborted).
    assert {host for host in requests_seen if host != local} == {"www.youtube-nocookie.com"}


def test_the_facade_has_no_serious_accessibility_violations(page, story_with_video, requests_seen):
    page.goto(story_with_video.get_absolute_url())
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)
