import re
from datetime import datetime

import pytest
from django.conf import settings
from django.utils.timezone import localtime
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The date line reads "14:05 03/11/2025, Monday" (articles/_dateline.html).
DATELINE = re.compile(
    r"^\d{2}:\d{2} \d{2}/\d{2}/\d{4}, (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def the_story(page: Page):
    """The <article> that carries the page's headline, not the related-story cards."""
    return page.get_by_role("article").filter(has=page.get_by_role("heading", level=1))


def assert_fits_the_window(page: Page):
    """Nothing makes the page scroll sideways; otherwise name the innermost elements that stick out.

    On a phone a too-wide element (typically a picture without max-width) also shifts every tap.
    """
    overflow = page.evaluate(
        """() => {
            const root = document.documentElement, width = root.clientWidth;
            if (root.scrollWidth <= width) return null;
            const sticksOut = (el) => el.getBoundingClientRect().right > width + 1;
            const culprits = [...document.body.querySelectorAll("*")]
                .filter((el) => sticksOut(el) && ![...el.children].some(sticksOut))
                .slice(0, 5)
                .map((el) => el.outerHTML.slice(0, 200));
            return {width, scrollWidth: root.scrollWidth, culprits};
        }"""
    )
    if overflow:
        pytest.fail(
            f"{page.url} is {overflow['scrollWidth']}px wide in a {overflow['width']}px window; "
            "these elements stick out:\n  " + "\n  ".join(overflow["culprits"]),
            pytrace=False,
        )


def test_a_reader_goes_from_home_to_a_story_to_a_tag_and_on(page: Page, newsroom):
    lead, same_tag = newsroom.lead, newsroom.same_tag

    page.goto("/")
    expect(page).to_have_title(re.compile(re.escape(settings.SITE_NAME)))
    assert_fits_the_window(page)
    top_stories = page.get_by_role("region", name="Top stories")
    top_stories.get_by_role("link", name=lead.headline, exact=True).click()

    # Waits for the "load" event too: the stylesheet and the hero picture are in.
    page.wait_for_url(lead.get_absolute_url())
    story = the_story(page)
    expect(story.get_by_role("heading", level=1)).to_have_text(lead.headline)
    expect(story.get_by_text(lead.standfirst, exact=True)).to_be_visible()
    assert_fits_the_window(page)

    dateline = story.locator("time").first
    expect(dateline).to_have_text(DATELINE)
    published = localtime(lead.published_at)
    expect(dateline).to_have_text(f"{published:%H:%M %d/%m/%Y}, {WEEKDAYS[published.weekday()]}")
    assert datetime.fromisoformat(dateline.get_attribute("datetime")) == lead.published_at

    expect(story.get_by_role("link", name="Ayşe Kaya", exact=True)).to_be_visible()
    source = story.get_by_role("link", name="AA", exact=True)
    expect(source).to_be_visible()
    expect(source.locator("abbr")).to_have_attribute("title", "Anadolu Agency")

    hero = story.get_by_role("figure").filter(has_text=newsroom.lead_caption)
    picture = hero.get_by_role("img", name=newsroom.lead_alt_text, exact=True)
    expect(picture).to_be_visible()
    # A WebP rendition chosen from srcset, decoded, not a broken-image icon.
    assert picture.evaluate("img => img.decode().then(() => img.naturalWidth, () => 0)") > 0
    assert picture.evaluate("img => img.currentSrc").endswith(".webp")
    figcaption = hero.locator("figcaption")
    expect(figcaption).to_be_visible()
    expect(figcaption).to_contain_text(newsroom.lead_caption)
    expect(figcaption).to_contain_text(newsroom.lead_credit)

    for paragraph in newsroom.lead_paragraphs:
        expect(story.get_by_text(paragraph, exact=True)).to_be_visible()

    tags = story.get_by_role("navigation", name="Tags").get_by_role("link")
    expect(tags).to_have_count(len(newsroom.lead_tags))
    assert sorted(tags.all_text_contents()) == sorted(f"#{name}" for name in newsroom.lead_tags)

    story.get_by_role("link", name=f"#{newsroom.tag_name}", exact=True).click()

    page.wait_for_url(f"/tag/{newsroom.tag_slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"#{newsroom.tag_name}")
    assert_fits_the_window(page)
    stories = page.get_by_role("main")
    expect(stories.get_by_role("link", name=lead.headline, exact=True)).to_be_visible()
    # Readers never see drafts or stories scheduled for later, even through a tag.
    expect(stories.get_by_role("link", name=re.compile("^(Draft|Scheduled):"))).to_have_count(0)
    stories.get_by_role("link", name=same_tag.headline, exact=True).click()

    page.wait_for_url(same_tag.get_absolute_url())
    expect(the_story(page).get_by_role("heading", level=1)).to_have_text(same_tag.headline)
    expect(
        the_story(page).get_by_role("link", name=f"#{newsroom.tag_name}", exact=True)
    ).to_be_visible()
