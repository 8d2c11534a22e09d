"""An editor publishes a story with a picture in the admin, and a reader finds it on the home page.

Runs in a desktop window only: the newsroom works at a desk.
"""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from playwright.sync_api import Page, expect

from articles.models import Article
from tests.factories import SectionFactory, jpeg_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse battery staple"  # noqa: S105 - a throwaway user of the test database
HEADLINE = "Night ferries return to the Bosphorus after the strike"
# Longer than the 70 characters a results page shows, to see the counter's advice.
SOCIAL_HEADLINE = "Istanbul night ferries are back after the strike: what changes for passengers"
STANDFIRST = "Crews and the city agreed a new rota after a week of talks."
PARAGRAPHS = [
    "The first night ferry left Kadıköy at 23.30 with 400 passengers on board.",
    "Services run every half hour until three in the morning from Friday.",
]
ALT_TEXT = "A white ferry lit up at night beside the pier in Kadıköy"
CAPTION = "The 23.30 ferry leaves Kadıköy on its first night back."
CREDIT = "Photo: Ayşe Kaya / AA"
TAGS = ["Transport", "İstanbul"]


@pytest.fixture
def window():
    """Only the desktop window (conftest's ``window`` would run every test in a phone too)."""
    return "desktop"


@pytest.fixture
def newsroom_groups(transactional_db):
    """Editors and Moderators as the data migration (articles/migrations/0004) grants them.

    Every browser test flushes the database, migration data included, and serialized_rollback
    cannot put it back here: while Playwright's event loop runs, Django hands the test a database
    connection other than the one that holds the serialized copy. So run the migration's own
    grant() again (idempotent: get_or_create, then add).
    """
    migration = importlib.import_module("articles.migrations.0004_editor_and_moderator_groups")
    migration.grant(apps, "Editors", migration.EDITOR_PERMISSIONS)
    migration.grant(apps, "Moderators", migration.MODERATOR_PERMISSIONS)


def staff_member(username, group_name):
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(newsroom_groups):
    return staff_member("editor", "Editors")


@pytest.fixture
def moderator(newsroom_groups):
    return staff_member("moderator", "Moderators")


@pytest.fixture
def section(transactional_db):
    return SectionFactory(name="Türkiye", slug="turkiye", order=1)


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "night-ferry.jpg"
    path.write_bytes(jpeg_bytes(1200, 675, (20, 40, 80)))
    return path


@pytest.fixture
def reader(new_context):
    """A second browser with no admin session: what the public sees."""
    cache.clear()  # the live server runs in this process: no page cached by an earlier test
    return new_context(viewport={"width": 1366, "height": 900}).new_page()


def log_in(page: Page, user):
    page.goto("/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def choose_in_autocomplete(page: Page, field: str, term: str, option: str):
    """Pick an option in one of the admin's select2 autocomplete widgets."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(term)
    page.locator(".select2-results__option", has_text=option).click()
    expect(page.locator(f".field-{field} .select2-selection__rendered")).to_contain_text(option)


def test_an_editor_publishes_a_story_with_a_picture_and_a_reader_sees_it(
    page: Page, reader: Page, editor, section, photo
):
    log_in(page, editor)
    expect(page.get_by_role("heading", name="Needs attention")).to_be_visible()

    # The picture, with the words that travel with it.
    page.goto("/admin/articles/image/add/")
    page.get_by_label("File").set_input_files(photo)
    page.get_by_label("Alt text").fill(ALT_TEXT)
    page.get_by_label("Caption").fill(CAPTION)
    page.get_by_label("Credit").fill(CREDIT)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")

    # The story, written in the prose editor.
    page.goto("/admin/articles/article/add/")
    headline = page.get_by_label("Headline:", exact=True)
    headline.fill(HEADLINE)
    headline.press("Tab")  # the admin fills the slug on change
    expect(page.locator(".field-headline .story-headline__count")).to_have_text(
        f"{len(HEADLINE)} of 200 characters"
    )
    assert headline.bounding_box()["width"] > 300  # wide, not 240 px
    # The SEO/social headline counts too, with its own limit and advice.
    page.get_by_label("SEO/social headline:").fill(SOCIAL_HEADLINE)
    expect(page.locator(".field-social_headline .story-headline__count")).to_have_text(
        f"{len(SOCIAL_HEADLINE)} of 110 characters (over 70: cut short in search results)"
    )
    expect(page.get_by_label("Slug")).to_have_value(
        "night-ferries-return-to-the-bosphorus-after-the-strike"
    )
    page.get_by_label("Standfirst").fill(STANDFIRST)
    body = page.locator(".field-body .ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type(PARAGRAPHS[0])
    page.keyboard.press("Enter")
    page.keyboard.type(PARAGRAPHS[1])
    choose_in_autocomplete(page, "section", "Tür", "Türkiye")
    page.get_by_label("Tags").fill(", ".join(TAGS))
    # The hero picker shows each picture beside its words.
    page.locator(".field-hero_image .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("ferry")
    expect(page.locator(".select2-results__option .picker-picture img")).to_have_count(1)
    page.keyboard.press("Escape")
    choose_in_autocomplete(page, "hero_image", "ferry", CAPTION)
    expect(page.locator(".field-hero_image .select2-selection__rendered img")).to_be_visible()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")

    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.DRAFT
    assert article.body == "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    assert article.social_headline == SOCIAL_HEADLINE

    # A draft stays out of sight until the editor publishes it; publishing must not leave this
    # copy of the home page in the anonymous page cache.
    reader.goto("/")
    expect(reader.get_by_role("link", name=HEADLINE)).to_have_count(0)

    page.get_by_role("checkbox", name=re.compile(re.escape(HEADLINE))).check()
    page.locator("select[name=action]").select_option("publish_now")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist .success")).to_have_text("1 stories are now live.")

    # The reader: home page, then the story with its picture, caption, credit and tags.
    reader.goto("/")
    reader.get_by_role("link", name=HEADLINE, exact=True).first.click()
    reader.wait_for_url(re.compile(rf"/{article.pk}/"))
    story = reader.get_by_role("article").filter(has=reader.get_by_role("heading", level=1))
    expect(story.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(reader).to_have_title(re.compile(rf"^{re.escape(SOCIAL_HEADLINE)} – "))
    for text in PARAGRAPHS:
        expect(story.get_by_text(text, exact=True)).to_be_visible()
    hero = story.get_by_role("figure").filter(has_text=CAPTION)
    expect(hero.get_by_role("img", name=ALT_TEXT, exact=True)).to_be_visible()
    expect(hero.locator("figcaption")).to_contain_text(CREDIT)
    tags = reader.get_by_role("navigation", name="Tags")
    for tag in TAGS:
        expect(tags.get_by_role("link", name=f"#{tag}", exact=True)).to_be_visible()


def test_a_moderator_cannot_open_the_story_editor(page: Page, moderator):
    log_in(page, moderator)

    response = page.goto("/admin/articles/article/add/")

    assert response.status == 403
    expect(page.get_by_role("textbox", name="Headline")).to_have_count(0)
