"""Search: the same results on SQLite (FTS5) and PostgreSQL (tsvector), whatever readers type.

Run on PostgreSQL with DATABASE_URL=postgres://… as CI does; the tests are the same.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section, Source
from articles.search import highlight, parse_query, search_articles
from tests.factories import ArticleFactory, SectionFactory, SourceFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("articles:search")

SEARCHES_PER_MINUTE = settings.RATE_LIMITS["search-ip"][0]


def found(*terms, **filters):
    return [story.headline for story in search_articles(list(terms), **filters)]


def result_headlines(response):
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", headline)
        for headline in re.findall(r'class="search-result__headline"><a [^>]*>(.*?)</a>', html)
    ]


def test_the_search_index_is_the_engine_of_the_database_in_use():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_search_fts'")
            assert "fts5" in cursor.fetchone()[0].lower()
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'articles_search_vector_gin'"
            )
            assert "gin" in cursor.fetchone()[0].lower()


def test_a_word_in_the_headline_ranks_above_the_same_word_in_the_body():
    ArticleFactory(headline="Markets open the week calmly", body="<p>Ferries ran late.</p>")
    ArticleFactory(headline="Ferries return to the Bosphorus", body="<p>Good news.</p>")
    ArticleFactory(headline="Nothing to see", body="<p>Nothing about boats.</p>")

    assert found("ferries") == ["Ferries return to the Bosphorus", "Markets open the week calmly"]


def test_english_stemming_finds_other_forms_of_a_word():
    ArticleFactory(headline="The election campaign begins")

    assert found("elections") == ["The election campaign begins"]


@pytest.mark.parametrize(
    ("query", "headline"),
    [
        ("Turkiye", "Türkiye wins the final"),
        ("turkiye", "TÜRKIYE WINS THE FINAL"),
        ("Diyarbakir", "Rain in Diyarbakır"),
        ("izmir", "Ferry strike in İzmir"),
        ("Sao Paulo", "São Paulo votes"),
        ("Türkiye", "Turkiye wins the final"),
    ],
)
def test_search_ignores_accents_and_turkish_dotted_and_dotless_i(query, headline):
    ArticleFactory(headline=headline)
    ArticleFactory(headline="Something else entirely")

    assert found(*parse_query(query).terms) == [headline]


def test_tags_section_and_source_names_are_searched_too():
    ArticleFactory(headline="A", tags=["Inflation"])
    ArticleFactory(headline="B", section=SectionFactory(name="Environment", slug="environment"))
    ArticleFactory(headline="C", source=SourceFactory(name="Bosphorus Wire", short_name="BW"))

    assert found("inflation") == ["A"]
    assert found("environment") == ["B"]
    assert found("bosphorus") == ["C"]


def test_common_words_are_left_out_of_the_query():
    ArticleFactory(headline="Bank holds rates")

    assert parse_query("the bank and the rates").terms == ["bank", "rates"]
    assert found(*parse_query("what the bank did").terms) == ["Bank holds rates"]


def test_every_word_must_match():
    ArticleFactory(headline="Central bank holds rates")
    ArticleFactory(headline="Central station reopens")

    assert found("central", "bank") == ["Central bank holds rates"]


def test_readers_find_only_published_stories():
    ArticleFactory(headline="Budget published")
    ArticleFactory(headline="Budget draft", status=Article.Status.DRAFT)
    ArticleFactory(headline="Budget scheduled", published_at=timezone.now() + timedelta(hours=2))

    assert found("budget") == ["Budget published"]


def test_the_index_follows_edits_of_stories_tags_sections_and_sources():
    section = SectionFactory(name="Weather", slug="weather")
    source = SourceFactory(name="Ankara Wire", short_name="AW")
    story = ArticleFactory(headline="Storm warning", section=section, source=source)

    story.headline = "Flood warning"
    story.save()
    assert found("storm") == []
    assert found("flood") == ["Flood warning"]

    story.tags.add("Emergency")
    assert found("emergency") == ["Flood warning"]
    story.tags.remove("Emergency")
    assert found("emergency") == []

    Section.objects.filter(pk=section.pk).update(name="Climate")
    assert found("climate") == ["Flood warning"]
    Source.objects.filter(pk=source.pk).update(name="Izmir Wire")
    assert found("izmir") == ["Flood warning"]

    story.delete()
    assert found("flood") == []


def test_filters_by_section_and_dates_and_newest_first():
    now = timezone.now()
    sport = SectionFactory(name="Sport", slug="sport")
    ArticleFactory(headline="Derby day old", section=sport, published_at=now - timedelta(days=10))
    ArticleFactory(headline="Derby day derby", section=sport, published_at=now - timedelta(days=3))
    ArticleFactory(headline="Derby economy", published_at=now - timedelta(days=1))

    assert found("derby", section="sport") == ["Derby day derby", "Derby day old"]
    assert found("derby", order="newest") == ["Derby economy", "Derby day derby", "Derby day old"]
    assert found("derby", date_from=(now - timedelta(days=5)).date(), order="newest") == [
        "Derby economy",
        "Derby day derby",
    ]
    assert found("derby", date_to=(now - timedelta(days=5)).date()) == ["Derby day old"]


def test_the_page_highlights_matching_words_and_shows_an_excerpt(client):
    ArticleFactory(
        headline="Istanbul's new metro line opens",
        body="<p>Officials said the line would carry 600,000 passengers a day "
        "between the airport and Gayrettepe.</p>",
    )

    html = client.get(SEARCH, {"q": "metro passengers"}).content.decode()

    assert "Istanbul&#x27;s new <mark>metro</mark> line opens" in html
    assert "<mark>passengers</mark>" in html
    assert "1 story for <strong>metro passengers</strong>" in html


def test_highlighting_escapes_a_hostile_headline():
    marked = highlight('<script>alert("x")</script> Türkiye', ["turkiye"])

    assert marked == ("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Türkiye</mark>")


def test_a_hostile_headline_is_escaped_on_the_results_page(client):
    ArticleFactory(headline='Vote "<script>alert(1)</script>" ends')

    html = client.get(SEARCH, {"q": "vote"}).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


HOSTILE_QUERIES = [
    "x" * 10_000,
    "ferry " * 2_000,
    "!!! ??? ... ---",
    '"',
    '"ferry',
    "*",
    "ferry*",
    "NEAR(ferry strike)",
    "ferry AND strike OR NOT",
    "headline:ferry",
    "^ferry",
    "ferry -strike",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "🚢🔥",
    "ferry 🚢",
    "\x00ferry",
    "<script>alert(1)</script>",
    "العبارة",
    "渡轮",
    "%_%",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_no_query_gives_an_error(client, query):
    ArticleFactory(headline="Ferry strike ends")

    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_operators_are_searched_as_words_not_obeyed():
    ArticleFactory(headline="Ferry strike ends")
    ArticleFactory(headline="Ferry timetable")

    assert found(*parse_query("ferry NOT strike").terms) == ["Ferry strike ends"]
    assert found(*parse_query("ferry OR strike").terms) == ["Ferry strike ends"]
    assert found(*parse_query("ferry* strike").terms) == ["Ferry strike ends"]


def test_a_very_long_query_is_shortened_and_the_reader_told(client):
    ArticleFactory(headline="Ferry strike ends")

    response = client.get(SEARCH, {"q": "ferry " * 2_000})

    assert result_headlines(response) == ["Ferry strike ends"]
    assert "only its first words were used" in response.content.decode()
    assert parse_query("w" * 10_000).shortened


def test_a_query_without_words_asks_for_words(client):
    html = client.get(SEARCH, {"q": "?!… 🚢"}).content.decode()

    assert "Type a word or two" in html


def test_no_results_suggest_what_to_do_next(client):
    ArticleFactory(headline="Ferry strike ends", section=SectionFactory(slug="nation"))

    html = client.get(SEARCH, {"q": "volcano", "section": "nation"}).content.decode()

    assert "No stories match" in html
    assert "search all sections and dates" in html


def test_bad_filters_get_a_message_not_an_error(client):
    response = client.get(
        SEARCH, {"q": "ferry", "date_from": "2026-02-31", "date_to": "soon", "order": "x"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the date as dd/mm/yyyy, for example 27/05/2025." in html
    assert "Select a valid choice." in html
    assert '<details class="search-form__more" open>' in html  # the reader sees what is wrong


def test_dates_are_written_day_first_and_the_filters_fold_until_used(client):
    ArticleFactory(headline="Ferry strike ends", published_at=timezone.now() - timedelta(days=3))
    plain = client.get(SEARCH, {"q": "ferry"}).content.decode()
    assert '<details class="search-form__more">' in plain  # folded: nothing set
    assert 'placeholder="dd/mm/yyyy"' in plain and 'type="date"' not in plain
    since = (timezone.localdate() - timedelta(days=5)).strftime("%d/%m/%Y")
    narrowed = client.get(SEARCH, {"q": "ferry", "date_from": since})
    html = narrowed.content.decode()
    assert result_headlines(narrowed) == ["Ferry strike ends"]
    assert f'value="{since}"' in html and '<details class="search-form__more" open>' in html
    later = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    assert result_headlines(client.get(SEARCH, {"q": "ferry", "date_from": later})) == []


def test_an_end_date_before_the_start_date_is_refused(client):
    html = client.get(
        SEARCH, {"q": "ferry", "date_from": "2026-03-02", "date_to": "2026-03-01"}
    ).content.decode()

    assert "The end date must not be before the start date." in html


def test_results_are_paginated_and_pages_keep_the_query(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        ArticleFactory(headline=f"Ferry news {n}")

    first = client.get(SEARCH, {"q": "ferry", "order": "newest"})
    last = client.get(SEARCH, {"q": "ferry", "order": "newest", "page": "999"})
    nonsense = client.get(SEARCH, {"q": "ferry", "order": "newest", "page": "abc"})

    assert len(result_headlines(first)) == 2
    assert "?q=ferry&amp;order=newest&amp;page=2" in first.content.decode()
    assert len(result_headlines(last)) == 1
    assert result_headlines(nonsense) == result_headlines(first)


def test_search_pages_are_not_indexed_by_search_engines(client):
    response = client.get(SEARCH, {"q": "ferry"})

    assert response["X-Robots-Tag"] == "noindex, follow"
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()


def test_the_site_header_search_box_sends_readers_to_the_search_page(client):
    html = client.get(reverse("articles:home")).content.decode()

    assert re.search(
        r'<form class="site-search" role="search" method="get" action="/search/">', html
    )
    assert 'name="q"' in html


def test_one_address_searching_too_fast_is_asked_to_wait(client):

    for _ in range(SEARCHES_PER_MINUTE):
        assert client.get(SEARCH, {"q": "ferry"}).status_code == 200
    response = client.get(SEARCH, {"q": "ferry"})
    other_reader = client.get(SEARCH, {"q": "ferry"}, REMOTE_ADDR="192.0.2.99")

    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    assert other_reader.status_code == 200


def test_arabic_and_turkish_text_is_found_by_its_own_words():
    ArticleFactory(headline="القاهرة تستضيف القمة")
    ArticleFactory(headline="Güneydoğu'da şiddetli yağış")

    assert found(*parse_query("القاهرة").terms) == ["القاهرة تستضيف القمة"]
    assert found(*parse_query("yagis").terms) == ["Güneydoğu'da şiddetli yağış"]


def test_the_index_can_be_rebuilt_from_the_stories():
    from io import StringIO

    from django.core.management import call_command

    ArticleFactory(headline="Ferry strike ends")
    ArticleFactory(headline="Bridge opens")
    table = (
        "articles_search_fts" if connection.vendor == "sqlite" else "articles_articlesearchdocument"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a constant table name
    assert found("ferry") == []

    out = StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert "Indexed 2 stories" in out.getvalue()
    assert found("ferry") == ["Ferry strike ends"]
