"""An update as plain text, for places that cannot show its HTML (JSON-LD, feed titles)."""

import html

from django.utils.html import strip_tags
from django.utils.text import Truncator

HEADLINE_CHARS = 110  # what Google shows of a headline


def plain_text(entry) -> str:
    return " ".join(html.unescape(strip_tags(entry.body)).split())


def headline(entry) -> str:
    """The update's title, or the start of its text when it has none."""
    return (
        entry.title
        or Truncator(plain_text(entry)).chars(HEADLINE_CHARS)
        or (f"Update {entry.sequence}")
    )
