"""Browser tests of live coverage (issue 14): a reader keeps a story's live page open while an
editor posts updates from the live desk in another browser, and the page offers "1 new update"
instead of moving the text, then shows it without a reload; key events; an ended story stops
asking for updates; a double-clicked "Post update" stores one update; the page without
JavaScript; axe on the live page (signed out and signed in) and on the desk.

The update endpoint is asked every LIVE_POLL_SECONDS, 2 s here so that the tests are quick; what
readers are promised (the button within 30 seconds) is what the assertions wait for. No request
for a host other than the live server's leaves the machine, and none is made at all.
"""

import re
from importlib import import_module
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.signals import request_started
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

from live import services
from live.models import LiveEntry
from tests.comments.factories import UserFactory
from tests.e2e.conftest import TIMEOUT_MS, WINDOWS
from tests.e2e.test_accessibility import AXE, BLOCKING_IMPACTS, describe
from tests.e2e.test_newsroom_admin import log_in, newsroom_groups, staff_member  # noqa: F401
from tests.factories import AuthorFactory, ImageFactory
from tests.live.factories import add_entries, live_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLL_SECONDS = 2
# What the issue promises readers: a new update is offered within 30 seconds.
PROMISED_MS = 30_000
UPDATE_TITLE = "Second tremor of magnitude 4.2 felt in İzmir"
UPDATE_TEXT = "Residents left their homes again; no damage has been reported so far."
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture
def window():
    """The desktop window only: the behaviour tested here does not depend on the screen."""
    return "desktop"


@pytest.fixture(autouse=True)
def quick_polling(settings):
    settings.LIVE_POLL_SECONDS = POLL_SECONDS


# Every browser here goes through a proxy that is not there, except for the live server's host:
# a request for another host fails without leaving the machine. Not page.route(), which would
# also turn off the browser's HTTP cache, and the cache is part of what is tested (the live page
# is served with stale-while-revalidate, and the script must not be given that stale copy).
OFFLINE = {"server": "http://127.0.0.1:9", "bypass": "localhost,127.0.0.1"}


def recorded(context: BrowserContext, asked=None) -> list[str]:
    """Every URL the pages of ``context`` ask for, in order (added to ``asked`` if given)."""
    asked = [] if asked is None else asked
    context.on("request", lambda request: asked.append(request.url))
    return asked


def foreign(urls, live_server):
    local = urlsplit(live_server.url).hostname
    return [url for url in urls if urlsplit(url).hostname != local and not url.startswith("data:")]


@pytest.fixture
def context(new_context, window):
    """conftest's context (the reader's browser, for ``page``), offline."""
    context = new_context(**WINDOWS[window], proxy=OFFLINE)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def reader_requests(context, live_server):
    """What the reader's browser (``page``) asks for; checked afterwards: nothing foreign."""
    asked = recorded(context)
    yield asked
    assert not foreign(asked, live_server), "requests for other hosts than the live server"


@pytest.fixture
def second_browser(new_context, live_server):
    """Another browser of the same size with its own cookies, offline too."""
    asked = []

    def make(**options):
        context = new_context(**WINDOWS["desktop"], proxy=OFFLINE, **options)
        context.set_default_timeout(TIMEOUT_MS)
        recorded(context, asked)
        return context.new_page()

    yield make
    assert not foreign(asked, live_server), "requests for other hosts than the live server"


def test_the_browsers_here_reach_nothing_but_the_live_server(new_context, live_server):
    page = new_context(proxy=OFFLINE).new_page()
    with pytest.raises(PlaywrightError, match="ERR_PROXY_CONNECTION_FAILED"):
        page.goto("https://example.org/")
    assert page.context.new_page().goto(live_server.url + "/").ok


@pytest.fixture
def live_editor(newsroom_groups):  # noqa: F811 - a fixture
    """A member of the Editors group, with the live rights its migration grants
    (live/migrations/0002: transactional tests empty the tables the migrations filled)."""
    grant = import_module("live.migrations.0002_editors_run_live_coverage")
    Group.objects.get(name="Editors").permissions.add(
        *Permission.objects.filter(content_type__app_label="live", codename__in=grant.codenames())
    )
    return staff_member("live-editor", "Editors")


@pytest.fixture
def coverage(transactional_db):
    article, coverage = live_story(headline="Earthquake of magnitude 5.1 shakes the Aegean coast")
    services.post_entry(coverage=coverage, title="The first tremor", body="<p>At dawn.</p>")
    services.post_entry(coverage=coverage, title="Schools closed", body="<p>In İzmir.</p>")
    return coverage


def story_url(coverage):
    return coverage.article.get_absolute_url()


def updates_url(coverage):
    return reverse("live:updates", args=[coverage.pk])


def open_desk(page: Page, editor, coverage):
    log_in(page, editor)
    page.goto(reverse("admin:live_livecoverage_desk", args=[coverage.pk]))
    expect(page.locator("#live-desk-form")).to_be_visible()


def write_update(page: Page, title, text=None, *, key_event=False):
    form = page.locator("#live-desk-form")
    form.locator("input[name=title]").fill(title)
    if text:
        body = form.locator("[data-field=body] .ProseMirror[contenteditable=true]")
        body.click()
        page.keyboard.type(text)
        expect(body).to_contain_text(text)
    if key_event:
        form.locator("input[name=is_key_event]").check()


def post_from_the_desk(page: Page, title, text=None, *, key_event=False):
    """Post an update as an editor would, and see the desk list it without leaving the page."""
    page.evaluate("window.__stillTheSameDesk = true")
    write_update(page, title, text, key_event=key_event)
    page.get_by_role("button", name="Post update").click()
    expect(page.locator("#live-desk-entries .live-desk-entry").first).to_contain_text(title)
    expect(page.locator("#live-desk-status")).to_contain_text(f"Posted: {title}")
    expect(page.locator("#live-desk-form input[name=title]")).to_have_value("")
    assert page.evaluate("window.__stillTheSameDesk") is True


def entry_titles(page: Page):
    return page.locator(".live-entries .live-entry__title")


def test_an_update_posted_at_the_desk_is_offered_to_a_reader_and_shown_without_a_reload(
    page: Page, reader_requests, second_browser, live_editor, coverage
):
    page.goto(story_url(coverage))
    entries = page.locator("ol.live-entries")
    expect(entries).to_have_attribute("aria-live", "polite")
    expect(entry_titles(page)).to_have_text(["Schools closed", "The first tremor"])
    before = entries.inner_text()
    new_updates = page.locator(".live-new-updates")
    expect(new_updates).to_be_hidden()
    page.evaluate("window.__notReloaded = true")

    desk = second_browser()
    open_desk(desk, live_editor, coverage)
    post_from_the_desk(desk, UPDATE_TITLE, UPDATE_TEXT)
    entry = LiveEntry.objects.get(title=UPDATE_TITLE)
    assert UPDATE_TEXT in entry.body and entry.posted_by == live_editor

    # The reader is offered the update; nothing moves under their eyes until they ask.
    expect(new_updates).to_be_visible(timeout=PROMISED_MS)
    expect(new_updates).to_have_text("1 new update")
    with page.expect_request(f"**{updates_url(coverage)}"):
        pass  # and the next poll leaves the list as it is too
    expect(new_updates).to_have_text("1 new update")
    expect(entry_titles(page).filter(has_text=UPDATE_TITLE)).to_have_count(0)
    assert entries.inner_text() == before

    new_updates.click()
    expect(entry_titles(page)).to_have_text([UPDATE_TITLE, "Schools closed", "The first tremor"])
    shown = page.locator(f"ol.live-entries #{entry.anchor}")
    expect(shown).to_contain_text(UPDATE_TEXT)
    expect(shown).to_be_focused()  # where a keyboard or screen reader user goes on reading
    expect(new_updates).to_be_hidden()
    expect(entries).to_have_attribute("aria-live", "polite")
    assert page.evaluate("window.__notReloaded") is True


def test_a_key_event_posted_at_the_desk_joins_the_key_events_list(
    page: Page, reader_requests, second_browser, live_editor, coverage
):
    page.goto(story_url(coverage))
    expect(page.locator(".live-key-events")).to_have_count(0)

    desk = second_browser()
    open_desk(desk, live_editor, coverage)
    post_from_the_desk(desk, "Magnitude revised to 5.4", key_event=True)
    entry = LiveEntry.objects.get(title="Magnitude revised to 5.4")
    assert entry.is_key_event

    new_updates = page.locator(".live-new-updates")
    expect(new_updates).to_have_text("1 new update", timeout=PROMISED_MS)
    new_updates.click()
    key_events = page.get_by_role("navigation", name="Key events")
    expect(key_events.get_by_role("link")).to_have_count(1)
    link = key_events.get_by_role("link", name="Magnitude revised to 5.4")
    expect(link).to_have_attribute("href", f"#{entry.anchor}")
    link.click()
    expect(page.locator(f"#{entry.anchor}")).to_be_in_viewport()

    # The same list for a reader who comes later.
    page.reload()
    expect(key_events.get_by_role("link")).to_have_count(1)
    expect(link).to_have_attribute("href", f"#{entry.anchor}")


def test_an_ended_story_says_so_and_stops_asking_for_updates(page: Page, reader_requests, coverage):
    endpoint = updates_url(coverage)

    def polls():
        return sum(urlsplit(url).path == endpoint for url in reader_requests)

    page.goto(story_url(coverage))
    ended = page.locator(".live-ended")
    expect(ended).to_have_count(0)
    with page.expect_request(f"**{endpoint}", timeout=PROMISED_MS):
        pass  # the page is asking
    services.end_coverage(coverage)

    expect(ended).to_have_text("This live coverage has ended", timeout=PROMISED_MS)
    asked_until_the_end = polls()
    assert asked_until_the_end >= 1

    # A page opened after the end has no reason to ask at all.
    later = page.context.new_page()
    later_asked = []
    later.on("request", lambda request: later_asked.append(urlsplit(request.url).path))
    later.goto(story_url(coverage))
    expect(later.locator(".live-ended")).to_have_text("This live coverage has ended")
    expect(later.locator(".live-badge")).to_have_count(0)
    later.wait_for_timeout(3 * POLL_SECONDS * 1000 + 500)  # three intervals, for both pages
    assert polls() == asked_until_the_end
    assert endpoint not in later_asked and "/static/live/live_updates.js" not in later_asked


# The desk's own request (static/admin/live/desk.js), sent twice with the same form: what
# happens when its first answer is lost on the way and the editor posts again (the script puts a
# new token in the form only once an answer has come). One after the other: two at once are
# tests/live/test_desk_concurrency.py's (the browser tests' in-memory SQLite locks whole tables).
SEND_THE_FORM_TWICE = """async () => {
  const form = document.getElementById("live-desk-form");
  const send = () => fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: {
      Accept: "application/json",
      "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
    },
  }).then((response) => response.json());
  return [await send(), await send()];
}"""


@pytest.fixture
def desk_posts(coverage):
    """How many posts of the desk's form the live server received (it runs in this process)."""
    desk = reverse("admin:live_livecoverage_desk", args=[coverage.pk])
    received = []

    def count(sender, environ, **kwargs):
        if environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] == desk:
            received.append(environ.get("HTTP_ACCEPT", ""))

    request_started.connect(count, weak=False)
    yield received
    request_started.disconnect(count)


def test_a_double_clicked_post_update_stores_one_update(
    page: Page, second_browser, live_editor, coverage, desk_posts
):
    open_desk(page, live_editor, coverage)
    write_update(page, "Posted once with the script", "However often it is clicked.")
    page.get_by_role("button", name="Post update").dblclick()
    listed = page.locator("#live-desk-entries .live-desk-entry")
    expect(listed.first).to_contain_text("Posted once with the script")
    expect(listed).to_have_count(3)
    page.wait_for_timeout(300)  # a second request would have arrived by now
    assert len(desk_posts) == 1  # the button waits for the answer to the first

    # The same form sent again all the same: its token makes it the first one's update.
    write_update(page, "Sent again with the same form")
    answers = page.evaluate(SEND_THE_FORM_TWICE)
    assert [answer["ok"] for answer in answers] == [True, True], answers
    assert len(desk_posts) == 3

    # Without the script a double click is the browser's to deal with (Chromium sends the form
    # once; a second one would be stored once too, by its token).
    no_script = second_browser(java_script_enabled=False)
    open_desk(no_script, live_editor, coverage)
    no_script.locator("input[name=title]").fill("Posted once without the script")
    no_script.get_by_role("button", name="Post update").dblclick()
    expect(no_script.locator(".messagelist")).to_contain_text("Posted: ")
    expect(no_script.locator("#live-desk-entries .live-desk-entry").first).to_contain_text(
        "Posted once without the script"
    )

    page.wait_for_timeout(300)  # any late request has arrived by now
    for title in (
        "Posted once with the script",
        "Sent again with the same form",
        "Posted once without the script",
    ):
        assert LiveEntry.objects.filter(title=title).count() == 1, title
    assert LiveEntry.objects.filter(coverage=coverage).count() == 5
    coverage.refresh_from_db()
    assert coverage.last_sequence == 5


def test_without_javascript_the_live_page_is_complete_and_a_reload_shows_new_updates(
    second_browser, live_editor, coverage
):
    add_entries(coverage, 33, every_key=10)  # 35 updates: 30 on the page, 5 on the next
    reader = second_browser(java_script_enabled=False)
    reader.goto(story_url(coverage))
    expect(reader.locator(".live-entries > li")).to_have_count(30)
    expect(entry_titles(reader).first).to_have_text("Update number 35")
    key_events = reader.get_by_role("navigation", name="Key events")
    expect(key_events.get_by_role("link")).to_have_count(3)
    expect(key_events.get_by_role("link", name="Update number 30")).to_be_visible()
    expect(reader.locator(".live-new-updates")).to_be_hidden()

    # Older pages hold fixed blocks of 30 (their addresses stay the same): 30 down to 1 here.
    reader.get_by_role("link", name="Older updates").click()
    expect(reader).to_have_url(re.compile(re.escape(f"{story_url(coverage)}?page=1") + "$"))
    expect(entry_titles(reader)).to_have_count(30)
    expect(entry_titles(reader).first).to_have_text("Update number 30")
    expect(entry_titles(reader).last).to_have_text("The first tremor")
    reader.get_by_role("link", name="See the latest updates").click()

    # The desk without JavaScript posts the form and comes back to itself.
    desk = second_browser(java_script_enabled=False)
    open_desk(desk, live_editor, coverage)
    desk.locator("input[name=title]").fill("Posted from a desk without a script")
    desk.get_by_role("button", name="Post update").click()
    expect(desk.locator(".messagelist")).to_contain_text("Posted: ")
    assert LiveEntry.objects.filter(title="Posted from a desk without a script").count() == 1

    reader.reload()
    expect(entry_titles(reader).first).to_have_text("Posted from a desk without a script")
    expect(reader.locator(".live-entries > li")).to_have_count(30)


@pytest.fixture
def rich_coverage(coverage):
    """Updates with all a reader may meet: a picture, a video's facade, a key event, a pinned
    update, an author."""
    author = AuthorFactory(name="Ayşe Kaya", slug="ayse-kaya")
    picture = ImageFactory(
        alt_text="Residents wait in a park after the tremor",
        caption="Residents of Bayraklı spent the night in the park.",
        credit="Photo: Ayşe Kaya / AA",
    )
    post = services.post_entry
    post(coverage=coverage, title="In pictures", image=picture, author=author)
    post(coverage=coverage, title="Footage from the coast", embed_url=VIDEO)
    post(coverage=coverage, title="Magnitude 5.4", body="<p>Revised.</p>", is_key_event=True)
    post(coverage=coverage, title="What we know", body="<p>Summary.</p>", is_pinned=True)
    return coverage


def blocking_violations(page: Page, where):
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    return [f"{where} ({page.url}):\n{describe(blocking)}"] if blocking else []


def test_the_live_page_has_no_serious_accessibility_violations_signed_out_or_in(
    page: Page, reader_requests, rich_coverage
):
    page.goto(story_url(rich_coverage))
    expect(page.locator(".live-entry--pinned")).to_contain_text("What we know")
    expect(page.locator(".live-entries figure.embed--youtube")).to_be_visible()
    expect(page.locator(".live-entries .live-entry__figure img")).to_be_visible()
    expect(page.get_by_role("navigation", name="Key events")).to_be_visible()
    failures = blocking_violations(page, "signed out")

    reader = UserFactory(email="zeynep@example.org")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(reader.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("/")
    page.goto(story_url(rich_coverage))
    expect(page.locator(".live-entry--pinned")).to_be_visible()
    failures += blocking_violations(page, "signed in")
    assert not failures, "\n".join(failures)


def test_the_live_desk_has_no_serious_accessibility_violations(
    page: Page, reader_requests, live_editor, rich_coverage
):
    open_desk(page, live_editor, rich_coverage)
    expect(page.locator("#live-desk-entries .live-desk-entry")).to_have_count(6)
    # The body's editor and the pickers are named by their labels (static/admin/live/desk.js).
    expect(page.get_by_role("textbox", name=re.compile(r"^Update:?$"))).to_be_visible()
    expect(page.get_by_role("combobox", name="Picture")).to_be_visible()
    expect(page.get_by_role("combobox", name="Author")).to_be_visible()
    failures = blocking_violations(page, "the live desk")
    assert not failures, "\n".join(failures)
