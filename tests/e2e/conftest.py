"""Browser tests: Playwright's sync API, through pytest-playwright, driving Debian's chromium.

The site is served by pytest-django's ``live_server``; each test gets a fresh newsroom
(``newsroom``) and a ``page`` in a phone-sized or a desktop-sized window (``window``).
Debug a failure with pytest-playwright's options ``--headed``, ``--tracing on`` or
``--screenshot only-on-failure`` (files land in ``test-results/``).
"""

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
    jpeg_bytes,
)

# Debian's package; Playwright's own downloaded browsers are not used (no `playwright install`).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = (
    f"Debian chromium not found at {CHROMIUM}; "
    "install it with apt-get install chromium (.ci/run does)"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    # Without these Chromium keeps trying to reach Google's services from a closed network.
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Options for browser.new_context(): a phone held upright and a common laptop screen.
WINDOWS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}

# Actions and expect() give up after this long instead of Playwright's 30 s: a local page that
# has not answered by then is broken, and failing fast keeps a broken run short.
TIMEOUT_MS = 10_000


# Playwright, the browser and the Django setting below live for this package only, not for the
# whole session as pytest-playwright's fixtures do: while Playwright runs, its sync API keeps an
# asyncio loop running in the test thread, so Django refuses the ORM there unless
# DJANGO_ALLOW_ASYNC_UNSAFE is set, and that setting must not reach the tests that run after these
# in the same process (`manage.py check --deploy` rejects it, for one).


@pytest.fixture(scope="package", autouse=True)
def _debian_chromium():
    """Skip, never silently pass, every browser test on a machine without Debian's chromium."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(CHROMIUM_MISSING)


@pytest.fixture(scope="package", autouse=True)
def _allow_django_orm_beside_playwright():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def playwright():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options (--headed, --slowmo) with Debian's chromium."""
    headed = browser_type_launch_args.get("headless") is False
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [arg for arg in CHROMIUM_ARGS if not (headed and arg == "--headless")],
    }


@pytest.fixture(scope="package")
def browser(playwright, browser_type_launch_args):
    browser = playwright.chromium.launch(**browser_type_launch_args)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs in page.goto() and page.wait_for_url() resolve against the live server."""
    return live_server.url


@pytest.fixture(scope="package")
def browser_context_args(base_url):
    """Used by pytest-playwright's new_context(), which also records --tracing and --screenshot."""
    return {"base_url": base_url}


@pytest.fixture(params=list(WINDOWS))
def window(request):
    """The name of the window size the test runs in; every page-using test runs in each."""
    return request.param


@pytest.fixture
def context(new_context, window):
    context = new_context(**WINDOWS[window])
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def page(context):
    expect.set_options(timeout=TIMEOUT_MS)
    return context.new_page()


@dataclass
class Newsroom:
    lead: Article
    lead_paragraphs: list[str]
    lead_tags: list[str]
    lead_caption: str
    lead_credit: str
    lead_alt_text: str
    # Shares the tag "Türkiye" with the lead, so the tag page has another story to follow.
    same_tag: Article
    tag_name: str = "Türkiye"
    tag_slug: str = "turkiye"


@pytest.fixture
def newsroom(transactional_db):
    """A small day's news: four sections, ten published stories, a featured lead with a real-size
    hero picture, a breaking story, a draft and a scheduled story readers must not see."""
    now = timezone.now()
    turkiye = SectionFactory(name="Türkiye", slug="turkiye", order=1)
    economy = SectionFactory(name="Economy", slug="economy", order=2)
    world = SectionFactory(name="World", slug="world", order=3)
    sport = SectionFactory(name="Sport", slug="sport", order=4)
    aa = SourceFactory(short_name="AA", name="Anadolu Agency", slug="anadolu-agency")
    reuters = SourceFactory(short_name="Reuters", name="Reuters", slug="reuters")
    ayse = AuthorFactory(name="Ayşe Kaya", slug="ayse-kaya", role="Transport correspondent")
    mehmet = AuthorFactory(name="Mehmet Öztürk", slug="mehmet-ozturk", role="Economy editor")

    def picture(alt_text, width=640, height=360, **kwargs):
        return ImageFactory(
            file=ContentFile(jpeg_bytes(width, height, (40, 90, 140)), name="photo.jpg"),
            alt_text=alt_text,
            **kwargs,
        )

    def story(headline, minutes_ago, **kwargs):
        kwargs.setdefault("source", aa)
        return ArticleFactory(
            headline=headline, published_at=now - timedelta(minutes=minutes_ago), **kwargs
        )

    caption = "Passengers board the first train at Gayrettepe station on Monday morning."
    credit = "Photo: Ayşe Kaya / AA"
    alt_text = "A crowded metro platform with a white and red train at its doors"
    paragraphs = [
        "The 37-kilometre line links the business district of Gayrettepe with Istanbul "
        "Airport in 35 minutes, half the time a taxi takes at rush hour.",
        "Trains run every ten minutes from six in the morning until midnight, the "
        "municipality said, with a single fare of 45 liras.",
        "The line is expected to carry 600,000 passengers a day once its last two "
        "stations open next year.",
    ]
    tags = ["Türkiye", "Istanbul", "Transport"]
    lead = story(
        "Istanbul's airport metro line opens to passengers",
        minutes_ago=25,
        section=turkiye,
        is_featured=True,
        standfirst="The new line cuts the journey between the city centre and Istanbul "
        "Airport to 35 minutes.",
        body="".join(f"<p>{text}</p>" for text in paragraphs),
        hero_image=picture(alt_text, 1200, 675, caption=caption, credit=credit),
        tags=tags,
        authors=[ayse],
        gallery=[
            picture("The ticket hall of Kağıthane station", caption="Kağıthane station."),
            picture("A train in the tunnel under the airport", caption="Near the airport."),
        ],
    )
    same_tag = story(
        "Central bank holds its policy rate at 50 percent",
        minutes_ago=70,
        section=economy,
        is_featured=True,
        standfirst="The bank said it would keep policy tight until inflation slows for good.",
        hero_image=picture("The central bank's headquarters in Ankara", caption="Ankara."),
        tags=["Türkiye", "Inflation", "Central bank"],
        authors=[mehmet],
    )
    story(
        "Earthquake of magnitude 5.1 shakes the Aegean coast",
        minutes_ago=5,
        section=turkiye,
        is_breaking=True,
        hero_image=None,
        tags=["Earthquake", "İzmir"],
    )
    story(
        "Exports reach a record in October",
        minutes_ago=120,
        section=economy,
        tags=["Türkiye", "Exports"],
        hero_image=picture("Containers stacked at Mersin port"),
    )
    story(
        "Annual inflation slows to 33 percent", minutes_ago=240, section=economy, tags=["Inflation"]
    )
    story(
        "EU foreign ministers meet in Brussels over Ukraine aid",
        minutes_ago=90,
        section=world,
        source=reuters,
        tags=["EU", "Ukraine"],
        hero_image=picture("Ministers around a round table"),
    )
    story(
        "Leaders gather in Baku for UN climate talks",
        minutes_ago=300,
        section=world,
        source=reuters,
        hero_image=None,
        tags=["Climate"],
    )
    story(
        "Galatasaray beat Fenerbahçe 2-1 in the Istanbul derby",
        minutes_ago=180,
        section=sport,
        tags=["Football", "Istanbul"],
        hero_image=picture("Players celebrate a goal in front of a packed stand"),
    )
    story(
        "Türkiye's volleyball team reach the European final",
        minutes_ago=360,
        section=sport,
        tags=["Volleyball", "Türkiye"],
        hero_image=picture("Players jump at the net"),
    )
    story(
        "Balloon flights resume over Cappadocia after the storms",
        minutes_ago=420,
        section=turkiye,
        tags=["Tourism"],
        hero_image=picture("Hot-air balloons over rock chimneys at dawn"),
    )
    story(
        "Draft: budget talks",
        minutes_ago=10,
        section=economy,
        status=Article.Status.DRAFT,
        tags=["Türkiye"],
    )
    story("Scheduled: election results", minutes_ago=-60, section=turkiye, tags=["Türkiye"])
    return Newsroom(
        lead=lead,
        lead_paragraphs=paragraphs,
        lead_tags=tags,
        lead_caption=caption,
        lead_credit=credit,
        lead_alt_text=alt_text,
        same_tag=same_tag,
    )
