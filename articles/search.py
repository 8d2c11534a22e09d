"""Search over the stories readers may see: one contract, two full-text engines.

PostgreSQL ranks a weighted tsvector (articles_articlesearchdocument, kept by triggers) with
django.contrib.postgres; SQLite ranks an FTS5 table (articles_search_fts, kept by triggers) with
bm25(). Both are built in migration 0007. ``search_articles()`` picks the engine from the
connection's vendor and returns published stories annotated with ``search_rank`` (higher is
better), best match first or newest first.

Readers' text never reaches either engine's query syntax: it is cut to words, and each word is
passed as a plain term (PostgreSQL's plainto_tsquery, a double-quoted FTS5 string).
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe
from unidecode import unidecode

from .models import Article

MAX_QUERY_CHARS = 200
MAX_TERMS = 10
EXCERPT_WORDS = 36

POSTGRES_CONFIG = "articles_english_unaccent"
# Only ever %s-parameterised; bm25's column weights follow the table's column order:
# headline, tags, standfirst, labels (section and source), body.
# bm25 of the FTS5 table joined by the search (SqliteSearchEntry), columns weighted as on
# PostgreSQL: headline, tags, standfirst, section/source labels, body.
SQLITE_RANK = "-bm25(articles_search_fts, 10.0, 5.0, 4.0, 2.0, 1.0)"

WORD = re.compile(r"[^\W_]+")

# PostgreSQL's English stop words, which its configuration drops from queries and documents.
# Dropped here from every query too, so that SQLite, which indexes them, answers the same.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "did",
        "do",
        "does",
        "doing",
        "don",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "s",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "t",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
    ]
)
HTML_TAG = re.compile(r"<[^>]*>")


def search_text(value):
    """Plain ASCII words for the SQLite index: tags removed, entities decoded, letters folded.

    unidecode folds what FTS5's remove_diacritics cannot, such as the Turkish dotless ı.
    """
    if not value:
        return ""
    return unidecode(html.unescape(HTML_TAG.sub(" ", value)))


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "articles_search_text", 1, search_text, deterministic=True
        )


@dataclass
class ParsedQuery:
    terms: list[str] = field(default_factory=list)
    shortened: bool = False


def parse_query(raw: str) -> ParsedQuery:
    """The words of a reader's query, at most MAX_TERMS of them, without punctuation or operators."""
    raw = raw or ""
    shortened = len(raw) > MAX_QUERY_CHARS
    if shortened:
        # Cut at a space where there is one, so that the last word is not cut in half.
        head = raw[:MAX_QUERY_CHARS]
        raw = head.rsplit(None, 1)[0] if len(head.split()) > 1 else head
    terms = []
    for word in WORD.findall(raw):
        if word.casefold() not in (term.casefold() for term in terms):
            terms.append(word)
    meaningful = [term for term in terms if term.casefold() not in STOP_WORDS]
    terms = meaningful or terms
    if len(terms) > MAX_TERMS:
        terms, shortened = terms[:MAX_TERMS], True
    return ParsedQuery(terms=terms, shortened=shortened)


class SearchForm(forms.Form):
    ORDER_CHOICES = [("relevance", "Best match"), ("newest", "Newest first")]

    q = forms.CharField(label="Search for", required=False)
    section = forms.SlugField(label="Section", required=False)
    DATE_ERROR = {"invalid": "Enter the date as dd/mm/yyyy, for example 27/05/2025."}
    # Day first, as the site writes dates (newsportal/formats); ISO dates from older links too.
    date_from = forms.DateField(label="From", required=False, error_messages=DATE_ERROR)
    date_to = forms.DateField(label="To", required=False, error_messages=DATE_ERROR)
    order = forms.ChoiceField(label="Sort by", choices=ORDER_CHOICES, required=False)

    FILTERS = ("section", "date_from", "date_to", "order")

    def filters_in_use(self) -> bool:
        """Whether the reader set a filter (or got one wrong): the folded filters open then."""
        if not self.is_bound:
            return False
        if any(self.errors.get(name) for name in self.FILTERS) or self.non_field_errors():
            return True
        return any(self.data.get(name) for name in ("section", "date_from", "date_to")) or (
            self.data.get("order") not in (None, "", "relevance")
        )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "The end date must not be before the start date.")
        return cleaned


def search_articles(
    terms: list[str],
    *,
    section: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    order: str = "relevance",
) -> QuerySet[Article]:
    """Published stories matching every term, annotated with ``search_rank``."""
    stories = Article.objects.published().for_cards().defer(None)  # snippets need the body
    if section:
        stories = stories.filter(section__slug=section)
    if date_from:
        stories = stories.filter(published_at__date__gte=date_from)
    if date_to:
        stories = stories.filter(published_at__date__lte=date_to)
    vendor = connections[stories.db].vendor
    if vendor == "postgresql":
        stories = _postgres_matches(stories, terms)
    elif vendor == "sqlite":
        stories = _sqlite_matches(stories, terms)
    else:
        raise ImproperlyConfigured(f"Search has no full-text index for {vendor}.")
    if order == "newest":
        return stories.order_by("-published_at", "-pk")
    return stories.order_by("-search_rank", "-published_at", "-pk")


def _postgres_matches(stories, terms):
    query = SearchQuery(" ".join(terms), config=POSTGRES_CONFIG, search_type="plain")
    return stories.filter(search_document__vector=query).annotate(
        search_rank=SearchRank(F("search_document__vector"), query)
    )


def _sqlite_matches(stories, terms):
    words = WORD.findall(search_text(" ".join(terms)))
    if not words:
        return stories.none()
    # Each word double-quoted: an FTS5 string, never an operator (AND, NEAR, *, column filters).
    match = " ".join(f'"{word}"' for word in words)
    # The reader's words travel only as the bound parameter of MATCH; the rank is constant SQL.
    return stories.filter(sqlite_search_entry__document__match=match).annotate(
        search_rank=RawSQL(SQLITE_RANK, ())  # noqa: S611
    )


# --- Highlighting: done in Python so both engines mark words the same way, escaping first. ---

_SUFFIXES = ("ing", "es", "ed", "ly", "s")


def _stem(word):
    word = unidecode(word).casefold()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _matcher(terms):
    stems = {_stem(term) for term in terms}

    def matches(word):
        folded = unidecode(word).casefold()
        return any(folded.startswith(stem) if len(stem) >= 3 else folded == stem for stem in stems)

    return matches


def highlight(text: str, terms: list[str]) -> str:
    """``text`` escaped, with the words matching ``terms`` (any inflection, any accent) in <mark>."""
    if not terms:
        return escape(text)
    matches = _matcher(terms)
    pieces = re.split(r"([^\W_]+)", text)
    return mark_safe(  # noqa: S308 - every piece is escaped
        "".join(
            f"<mark>{escape(piece)}</mark>" if index % 2 and matches(piece) else escape(piece)
            for index, piece in enumerate(pieces)
        )
    )


def excerpt(body_html: str, terms: list[str], words: int = EXCERPT_WORDS) -> str:
    """A few dozen words of the body around the first match, highlighted; '' when none matches."""
    text = html.unescape(HTML_TAG.sub(" ", body_html or ""))
    body_words = text.split()
    matches = _matcher(terms)
    for position, word in enumerate(body_words):
        if any(matches(part) for part in WORD.findall(word)):
            start = max(0, position - words // 3)
            chosen = body_words[start : start + words]
            prefix = "… " if start else ""
            suffix = " …" if start + words < len(body_words) else ""
            return mark_safe(f"{prefix}{highlight(' '.join(chosen), terms)}{suffix}")  # noqa: S308
    return ""
