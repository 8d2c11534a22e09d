"""Embeds in a story's text: the facades of its embedded videos and posts, each after the
paragraph the editor chose, and a paragraph that is nothing but a pasted address of one.

The body is the sanitised HTML stored with the story (articles/text.py), so its markup is the
sanitiser's own regular serialisation. Only its top-level paragraphs count, as the editor sees
them; what replaces a pasted address is built from the address's provider and id alone
(``includes/_embed.html``), never from the pasted text.
"""

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .embeds import Embed, parse_embed

# Elements with no end tag: they open nothing.
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}
# A paragraph holding one address, as text or as a link whose text is that address.
_LONE_ADDRESS = re.compile(
    r'<p(?: lang="[^"<>]*")?>\s*(?:<a ([^<>]*)>([^<>]*)</a>|([^<>]*))\s*</p>'
)
_HREF = re.compile(r'(?:^| )href="([^"<>]*)"')


def facade_html(embed: Embed, *, caption: str = "") -> SafeString:
    return mark_safe(  # noqa: S308 - rendered by the template engine, escaped there
        render_to_string("includes/_embed.html", {"embed": embed, "caption": caption}).strip()
    )


@dataclass
class StoryBody:
    html: SafeString  # the text with its placed embeds
    after: list[SafeString] = field(default_factory=list)  # embeds placed after the text
    embed_count: int = 0  # facades in both, pasted addresses included


def story_body(body: str, embeds) -> StoryBody:
    """``body`` with the facades of ``embeds`` (rows with ``embed``, ``caption`` and
    ``after_paragraph``, in their order): after paragraph N, above the text for 0, after the
    text when it has no N paragraphs or none is given. Rows whose address names no embed are
    left out."""
    paragraphs = _top_level_paragraphs(body)
    placed: dict[int, list[SafeString]] = {}
    result = StoryBody(html=mark_safe(""))
    for row in embeds:
        if row.embed is None:
            continue
        facade = facade_html(row.embed, caption=row.caption)
        result.embed_count += 1
        position = row.after_paragraph
        if position is None or position > len(paragraphs):
            result.after.append(facade)
        else:
            placed.setdefault(position, []).append(facade)
    pieces, copied = [*placed.get(0, [])], 0
    for number, (start, end) in enumerate(paragraphs, start=1):
        pieces.append(body[copied:start])
        embed = _lone_address(body[start:end])
        if embed is None:
            pieces.append(body[start:end])
        else:
            pieces.append(facade_html(embed))
            result.embed_count += 1
        pieces.extend(placed.get(number, []))
        copied = end
    pieces.append(body[copied:])
    result.html = mark_safe("".join(pieces))  # noqa: S308 - sanitised body and rendered facades
    return result


def _lone_address(paragraph: str) -> Embed | None:
    match = _LONE_ADDRESS.fullmatch(paragraph)
    if match is None:
        return None
    attributes, link_text, text = match.groups()
    if attributes is not None:
        href = _HREF.search(attributes)
        address = html.unescape(href.group(1)) if href else None
        if address != html.unescape(link_text).strip():
            return None  # a link saying something else than where it goes stays a link
    else:
        address = html.unescape(text).strip()
    return parse_embed(address)


class _ParagraphFinder(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.depth = 0
        self.start = None
        self.paragraphs: list[tuple[int, int]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        if self.depth == 0 and tag == "p":
            self.start = self._offset()
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self.depth = max(self.depth - 1, 0)
        if self.depth == 0 and tag == "p" and self.start is not None:
            end = self.text.index(">", self._offset()) + 1
            self.paragraphs.append((self.start, end))
            self.start = None


def _top_level_paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each ``<p>…</p>`` of ``body`` that is not inside another
    element (a quote's or a table's paragraphs are part of the quote or table)."""
    finder = _ParagraphFinder(body)
    finder.feed(body)
    finder.close()
    return finder.paragraphs
