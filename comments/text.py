"""Plain-text helpers for comments: Turkish-aware folding for the word lists, safe output."""

import re
import unicodedata

from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe

# Turkish has four i's: İ/i dotted and I/ı dotless. Python's lower() maps "I" to "i" (wrong in
# Turkish) and "İ" to "i" + a combining dot, so a word list entry and a comment written with
# different conventions would not match. Folding all four to "i" makes "İSTANBUL", "Istanbul"
# and "ıstanbul" the same word for matching; it may join two Turkish words that differ only in
# the dot, which for a word list errs on the side of holding a comment for review.
_WEB_ADDRESS = re.compile(r"https?://|www\.", re.IGNORECASE)
_TURKISH_I = str.maketrans({"İ": "i", "I": "i", "ı": "i"})


def fold(text):
    """A comparison form of ``text``: compatibility-normalised, case-folded, Turkish i's joined."""
    text = unicodedata.normalize("NFKC", text).translate(_TURKISH_I)
    text = text.casefold()
    # What casefold() leaves: the combining dot above from any decomposed İ.
    text = text.replace("i\u0307", "i")
    return " ".join(text.split())


def find_phrases(text, phrases):
    """The entries of ``phrases`` (already folded) that occur in ``text`` as whole words."""
    folded = fold(text)
    found = []
    for phrase in phrases:
        if not phrase:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in phrase.split()) + r"(?!\w)"
        if re.search(pattern, folded):
            found.append(phrase)
    return found


def normalise_body(text):
    """What is stored: Unicode-normalised, unified line breaks, no trailing spaces, no control
    characters (other than line breaks), at most two blank lines in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def render_comment(text):
    """Comment text as HTML: everything escaped, paragraphs kept, web addresses made links that
    search engines do not follow or credit (rel="nofollow ugc")."""
    paragraphs = []
    for block in re.split(r"\n{2,}", text):
        if _WEB_ADDRESS.search(block):
            html = urlize(block, trim_url_limit=60, nofollow=True, autoescape=True)
            # urlize escaped the reader's text: this literal can only be urlize's own attribute.
            html = html.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
        else:
            # Most comments have no address; urlize is slow, and bare domains stay inert text.
            html = escape(block)
        paragraphs.append(f"<p>{html.replace(chr(10), '<br>')}</p>")
    return mark_safe("".join(paragraphs) or f"<p>{escape(text)}</p>")  # noqa: S308 - escaped above
