"""Browser test of the editors' front page: an editor moves a story to the lead slot, by drag and
drop and with the keyboard alone, and a reader sees it lead the home page."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import Page, expect

from articles import front_page_editing as editing
from articles.models import Article, FrontPageLayout
from tests.e2e.conftest import TIMEOUT_MS, WINDOWS
from tests.e2e.test_accessibility import AXE, BLOCKING_IMPACTS, describe
from tests.e2e.test_newsroom_admin import (  # noqa: F401 - fixtures
    editor,
    log_in,
    newsroom_groups,
    reader,
    window,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = "Exports reach a record in October"


@pytest.fixture
def front_page_editor(editor):  # noqa: F811
    """The editor with the right migration 0014 gives Editors (the browser tests' flush took it
    away with the rest of the migrations' data)."""
    Group.objects.get(name="Editors").permissions.add(
        Permission.objects.get(codename="arrange_front_page")
    )
    return editor


def lead_headline(page: Page):
    return page.locator(".front__lead .card--lead .card__headline")


def assert_no_serious_axe_violations(page: Page):
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


def open_front_page_with_the_story_in_the_last_slot(page: Page, user, story):
    log_in(page, user)
    page.get_by_role("link", name="Front page").click()
    expect(page.get_by_role("heading", name="Lead and top stories")).to_be_visible()
    page.get_by_label("Story for top story 4").select_option(str(story.pk))
    page.get_by_role("button", name="Place the chosen story in top story 4").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Placed in the slot")
    expect(page.locator("#slot-4")).to_contain_text(STORY)


def test_an_editor_drags_a_story_to_the_lead_and_a_reader_sees_it_lead(
    page: Page,
    reader: Page,  # noqa: F811
    newsroom,
    front_page_editor,
):
    story = Article.objects.get(headline=STORY)
    reader.goto("/")
    expect(lead_headline(reader)).to_have_text(newsroom.lead.headline)

    open_front_page_with_the_story_in_the_last_slot(page, front_page_editor, story)
    expect(page.locator("#slot-0")).to_contain_text(f"Fills by itself: {newsroom.lead.headline}")
    assert_no_serious_axe_violations(page)
    # Drag the row by its handle over the top edge of the lead's row, and drop it there.
    page.locator("#slots").scroll_into_view_if_needed()
    page.locator("#slot-4 .fp-handle").drag_to(
        page.locator("#slot-0"), target_position={"x": 20, "y": 3}
    )
    expect(page.locator(".messagelist .success")).to_contain_text("The new order")
    expect(page.locator("#slot-0")).to_contain_text(STORY)

    assert editing.slots_of(FrontPageLayout.objects.live().get())[0] == story.pk
    reader.goto("/")
    expect(lead_headline(reader)).to_have_text(STORY)
    # Shown once above the fold: not again in the latest news or its section's block.
    expect(reader.get_by_role("link", name=STORY, exact=True)).to_have_count(1)


def test_an_editor_moves_a_story_to_the_lead_with_the_keyboard_alone(
    page: Page,
    reader: Page,  # noqa: F811
    newsroom,
    front_page_editor,
):
    story = Article.objects.get(headline=STORY)
    open_front_page_with_the_story_in_the_last_slot(page, front_page_editor, story)
    for slot in (4, 3, 2, 1):
        page.get_by_role("button", name=f"Move top story {slot} up").focus()
        page.keyboard.press("Enter")
        expect(page.locator(f"#slot-{slot - 1}")).to_contain_text(STORY)
    expect(page.locator(".messagelist .success")).to_contain_text("Moved to “Lead”.")

    # Two related links under the new lead, chosen from the keyboard too.
    for related in (newsroom.same_tag, newsroom.lead):
        page.get_by_label("Link to", exact=True).select_option(str(related.pk))
        page.get_by_role("button", name="Add link").focus()
        page.keyboard.press("Enter")
        expect(page.locator(".messagelist .success")).to_contain_text("Link added")

    reader.goto("/")
    expect(lead_headline(reader)).to_have_text(STORY)
    package = reader.get_by_role("navigation", name="More on this story")
    expect(package.get_by_role("link")).to_have_text(
        [newsroom.same_tag.headline, newsroom.lead.headline]
    )
    for headline in (STORY, newsroom.same_tag.headline, newsroom.lead.headline):
        expect(reader.get_by_role("link", name=headline, exact=True)).to_have_count(1)
    assert_no_serious_axe_violations(reader)


def test_an_editor_finds_an_older_story_by_typing_part_of_its_headline(
    page: Page,
    newsroom,
    front_page_editor,
    monkeypatch,
):
    # The pickers offer the three newest stories (60 in the newsroom): the oldest is not there.
    monkeypatch.setattr(editing, "CANDIDATES", 3)
    older = Article.objects.get(headline="Balloon flights resume over Cappadocia after the storms")
    log_in(page, front_page_editor)
    page.get_by_role("link", name="Front page").click()
    picker = page.get_by_label("Story for top story 2")
    expect(picker.locator("option")).to_have_count(4)
    expect(picker.locator("option", has_text="Cappadocia")).to_have_count(0)
    status = page.locator("#story-search-status")
    expect(status).to_have_text(
        "The story pickers offer the newest stories (up to 3); search to find an older one."
    )
    page.evaluate("window.__notReloaded = true")

    # Typed from the keyboard, in any case: every picker offers the matching stories only.
    page.get_by_label("Find a story by headline").focus()
    page.keyboard.type("CAPPAD")
    expect(status).to_have_text(
        "The story pickers offer the 1 story with “CAPPAD” in the headline."
    )
    expect(picker.locator("option")).to_have_text(["Choose a story…", re.compile(r"^Balloon")])

    # Enter searches at once; a search that finds nothing says so; emptied, the newest return.
    for _ in "CAPPAD":
        page.keyboard.press("Backspace")
    page.keyboard.type("no such headline")
    page.keyboard.press("Enter")
    expect(status).to_have_text("No story has “no such headline” in its headline.")
    expect(picker.locator("option")).to_have_count(1)
    page.get_by_label("Find a story by headline").fill("")
    expect(picker.locator("option")).to_have_count(4)
    page.get_by_label("Find a story by headline").fill("balloon flights")
    expect(picker.locator("option")).to_have_count(2)
    assert page.evaluate("window.__notReloaded") is True

    picker.select_option(str(older.pk))
    page.get_by_role("button", name="Place the chosen story in top story 2").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist .success")).to_contain_text("Placed in the slot")
    expect(page.locator("#slot-2")).to_contain_text(older.headline)
    assert_no_serious_axe_violations(page)


def test_on_a_phone_an_editor_moves_a_story_up_by_tapping_no_drag_needed(
    new_context,
    newsroom,
    front_page_editor,
):
    phone = new_context(**WINDOWS["phone"]).new_page()
    phone.set_default_timeout(TIMEOUT_MS)
    story = Article.objects.get(headline=STORY)
    log_in(phone, front_page_editor)
    phone.goto("/admin/articles/frontpagelayout/")
    phone.get_by_label("Story for top story 1").select_option(str(story.pk))
    phone.get_by_role("button", name="Place the chosen story in top story 1").tap()
    expect(phone.locator("#slot-1")).to_contain_text(STORY)

    up = phone.get_by_role("button", name="Move top story 1 up")
    up.scroll_into_view_if_needed()
    box = up.bounding_box()
    # On the screen, and big enough for a finger (44 px on a touch screen; WCAG 2.5.8 asks 24).
    assert box["x"] >= 0 and box["x"] + box["width"] <= WINDOWS["phone"]["viewport"]["width"]
    assert box["width"] >= 44 and box["height"] >= 44, box
    up.tap()
    expect(phone.locator(".messagelist .success")).to_contain_text("Moved to “Lead”.")
    expect(phone.locator("#slot-0")).to_contain_text(STORY)
    assert editing.slots_of(FrontPageLayout.objects.live().get())[0] == story.pk
    phone.get_by_role("button", name="Move lead down").tap()
    expect(phone.locator("#slot-1")).to_contain_text(STORY)
