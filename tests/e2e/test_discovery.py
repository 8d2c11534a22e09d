"""Browser tests: searching from the site header, reading highlighted results, following one."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()


def test_a_reader_searches_from_the_header_and_follows_a_highlighted_result(page: Page, newsroom):
    lead = newsroom.lead

    page.goto("/")
    # Typed without the dots and accents the story's tag and section carry ("Türkiye").
    box = page.get_by_role("searchbox", name="Search stories")
    box.fill("Turkiye metro")
    box.press("Enter")

    page.wait_for_url(re.compile(r"/search/\?q=Turkiye\+metro$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_text("1 story for Turkiye metro")).to_be_visible()
    results = page.locator(".search-result")
    expect(results).to_have_count(1)
    expect(results.first.locator("mark").first).to_have_text("metro")
    expect(page.get_by_role("searchbox", name="Search for")).to_have_value("Turkiye metro")

    results.first.get_by_role("link", name=lead.headline).click()

    page.wait_for_url(lead.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(lead.headline)


def test_a_reader_narrows_a_search_to_a_section_and_sorts_it_newest_first(
    page: Page, newsroom, window
):
    page.goto("/search/?q=Türkiye")
    expect(page.locator(".search-result")).not_to_have_count(0)
    fold = page.locator(".search-form__more > summary")
    if window == "phone":
        # The filters fold behind "Filter": the first result is in the first screenful.
        expect(page.get_by_label("Section", exact=True)).to_be_hidden()
        assert page.locator(".search-result").first.bounding_box()["y"] < 700
        fold.click()
    else:
        expect(fold).to_be_hidden()  # wide screens show the filters as they are

    page.get_by_label("Section", exact=True).select_option(label="Economy")
    page.get_by_label("Sort by").select_option(label="Newest first")
    page.get_by_role("button", name="Search", exact=True).last.click()

    page.wait_for_url(re.compile(r"section=economy"))
    headlines = page.locator(".search-result__headline").all_inner_texts()
    # Both Economy stories tagged Türkiye, newest first; not the draft, not other sections.
    assert headlines == [
        "Central bank holds its policy rate at 50 percent",
        "Exports reach a record in October",
    ]


def test_hostile_searches_get_a_page_not_an_error(page: Page, newsroom):
    for query in ['NEAR("', "'; DROP TABLE articles_article; --", "🚢" * 50, "x" * 5000]:
        response = page.goto("/search/?" + re.sub(r"\s", "+", f"q={query}"))
        assert response.status == 200, query
        expect(page.get_by_role("heading", level=1)).to_have_text("Search")


@pytest.mark.parametrize("url", ["/search/?q=istanbul", "/search/?q=volcano", "/archive/"])
def test_discovery_pages_have_no_serious_accessibility_violations(page: Page, newsroom, url):
    assert page.goto(url).ok

    violations = AXE.run(page).response["violations"]

    blocking = [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]
    assert not blocking, f"{url}: {blocking}"
