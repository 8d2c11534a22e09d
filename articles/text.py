"""Text rules for stories: readable ASCII slugs and the HTML allowlist for bodies."""

import nh3
from django.utils.text import slugify
from unidecode import unidecode

# Apostrophes go before transliteration: Turkish suffixes ("Türkiye'de") read as one word in a slug,
# "turkiyede", not "turkiye-de".
_APOSTROPHES = str.maketrans("", "", "'’‘`´")

SLUG_MAX_LENGTH = 200


def slugify_headline(headline: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """An ASCII slug that reads like the headline: "Türkiye'de işsizlik" → "turkiyede-issizlik"."""
    ascii_text = unidecode(headline.translate(_APOSTROPHES))
    slug = slugify(ascii_text)[:max_length].strip("-")
    return slug or "story"


# The tags a journalist's story needs, and nothing that can run code or restyle the page.
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "a",
    "blockquote",
    "q",
    "cite",
    "ul",
    "ol",
    "li",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "abbr",
    "time",
}
# No "cite" on quotes: nh3 checks the scheme of href and src only, so cite="javascript:..." would
# pass. "*" replaces nh3's default of title and lang on every tag.
ALLOWED_ATTRIBUTES = {
    "*": {"lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "abbr": {"title"},
    "time": {"datetime"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Elements dropped together with everything inside them. Other disallowed tags (a Word paste's
# <span>, <o:p>, <div>) are unwrapped and their text kept; these hold code, hidden markup, a
# fallback that readers should never see, or raw text that would show up as literal "<img ...>".
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "iframe",
    "object",
    "textarea",
    "select",
    "title",
    "svg",
    "math",
    "xml",
}


def sanitize_article_html(html: str) -> str:
    """Clean editor HTML with an allowlist: no scripts, event handlers, styles or javascript: URLs."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        clean_content_tags=DROPPED_WITH_CONTENT,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
