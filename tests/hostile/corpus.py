"""What the hostile-input walk types into every parameter and form field.

Entries come in families (markup, attribute breakers, SQL, NUL, CRLF, numbers, dates, long
text, malformed UTF-8, unicode, traversal, template syntax). A form or a set of parameters is
walked two ways, which together give every field every family at least once without the whole
cartesian product of fields and entries:

- ``crossed(field, request)``: one request per family, each field given a different family in
  each request, so FAMILY_COUNT requests cover every (field, family) pair; this finds what breaks
  while a form or a list is validated and shown back with its errors.
- ``singles(field)``: a few requests in which only this field is hostile and every other field
  keeps a sane value, so the value gets as far as the database (dates at the ends of the
  calendar, huge numbers, NUL bytes, long and malformed text), where the others cannot reach.

Entries whose value is ``bytes`` are sent as raw bytes (percent-encoded in URLs and urlencoded
bodies): overlong UTF-8 and lone surrogates cannot be written as a Python ``str``.
"""

import re
from dataclasses import dataclass

# Markers: a payload that comes back verbatim in HTML would run in a reader's browser.
SCRIPT = "<script>hostile0001</script>"
IMG = '"><img src=x onerror=hostile0002>'
SVG = "'><svg onload=hostile0003>"
JS_URL = "javascript:hostile0004//"
# Where a javascript: address would run.
JS_URL_REFLECTION = r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:hostile0004"""


@dataclass(frozen=True)
class Entry:
    family: str
    value: str | bytes
    # Regular expressions that must never match an HTML response when this entry was sent.
    reflections: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        text = repr(self.value)
        return text if len(text) <= 60 else f"{text[:40]}…({len(self.value)} chars)"


ENTRIES = [
    Entry("markup", SCRIPT, (re.escape("<script>hostile0001"),)),
    Entry("markup", "<b>hostile</b><iframe src=//x></iframe>{{7*7}}"),
    Entry("attribute", IMG, (re.escape("<img src=x onerror=hostile0002"),)),
    Entry("attribute", SVG, (re.escape("<svg onload=hostile0003"),)),
    Entry("attribute", JS_URL, (JS_URL_REFLECTION,)),
    Entry("sql", "' OR 1=1 --"),
    Entry("sql", "1; DROP TABLE articles_article; --"),
    Entry("sql", '") UNION SELECT NULL, NULL--'),
    Entry("nul", "null\x00byte"),
    Entry("nul", "\x00"),
    Entry("crlf", "x\r\nSet-Cookie: hostile=1\r\nLocation: https://evil.example/"),
    Entry("crlf", "/%0d%0aSet-Cookie:hostile=1"),
    Entry("number", str(10**30)),
    Entry("number", "9" * 40),
    Entry("number", "18446744073709551616"),
    Entry("number", "2147483648"),
    Entry("number", "1e309"),
    Entry("number", "NaN"),
    Entry("number", "-1"),
    Entry("number", "-" + "9" * 30),
    Entry("date", "9999-99-99"),
    Entry("date", "0000-00-00"),
    Entry("date", "9999-12-31"),
    Entry("date", "0001-01-01"),
    Entry("date", "2026-02-30"),
    Entry("date", "0001-01-01 00:00:00"),
    Entry("date", "9999-12-31T23:59:59+14:00"),
    Entry("date", "99999999-01-01"),
    Entry("long", "A" * 100_000),
    # Multibyte text costs three times its length in every URL a page builds from it.
    Entry("long", "ğİş" * 3_334),
    Entry("bad_utf8", b"\xc0\xaf"),  # overlong "/"
    Entry("bad_utf8", b"\xed\xa0\x80"),  # a lone surrogate
    Entry("bad_utf8", b"\xff\xfe\xc0\x80"),
    Entry("bad_utf8", b"\xe2\x82"),  # cut short
    Entry("unicode", "\u202egnp.exe\u200b\u200d\ufeff"),
    Entry("unicode", "İıŞşĞğÇçÖöÜü İSTANBUL ıstanbul"),
    Entry("unicode", "مرحبا بالعالم"),
    Entry("unicode", "👩‍👩‍👧‍👦🏳️‍🌈👍🏽"),
    Entry(
        "unicode",
        "İstanbul مرحبا 👩‍👩‍👧‍👦 \u202e\u200bok",
    ),
    Entry("unicode", "e" + "\u0301" * 300),
    Entry("traversal", "../../../../etc/passwd"),
    Entry("traversal", "//evil.example/"),
    Entry("traversal", "https://evil.example/path"),
    Entry("traversal", "..\\..\\windows\\win.ini"),
    Entry("template", "{% debug %}{{ request }}"),
    Entry("template", '{"$gt": "", "__proto__": {"x": 1}}'),
    Entry("template", "%s%s%n{0}%(x)s${7*7}"),
    Entry("crlf", ""),  # empty and blank: the values of a cleared field
    Entry("crlf", " \t\n "),
]

FAMILIES = list(dict.fromkeys(entry.family for entry in ENTRIES))
BY_FAMILY = {name: [entry for entry in ENTRIES if entry.family == name] for name in FAMILIES}
# What is tried alone in a field, by what the field looks like: values that pass the form's
# checks and reach the database (the ends of the calendar, numbers past 64 bits) or that are
# stored and shown again (markup), where the crossed requests cannot get.
DATE_SINGLES = ["0001-01-01", "9999-12-31"]
NUMBER_SINGLES = [str(10**30), "-" + "9" * 30]
TEXT_SINGLE_FAMILIES = [
    ["nul", "bad_utf8", "long"],
    ["markup", "attribute", "unicode", "sql", "traversal", "template", "crlf"],
]


def _pick(family: str, turn: int) -> Entry:
    options = BY_FAMILY[family]
    return options[turn % len(options)]


def crossed(field: int, request: int) -> Entry:
    """The entry of field number ``field`` in crossed request number ``request``
    (0 <= request < len(FAMILIES))."""
    return _pick(FAMILIES[(field + request) % len(FAMILIES)], field + request // len(FAMILIES))


def singles(field: int, looks_like: str = "text") -> list[Entry]:
    """The entries tried in field number ``field`` alone: for a date or a number field, the
    ends of its range; for any other field, two families, rotating from one field to the next."""
    if looks_like == "date":
        return [entry for entry in BY_FAMILY["date"] if entry.value in DATE_SINGLES]
    if looks_like == "number":
        return [entry for entry in BY_FAMILY["number"] if entry.value in NUMBER_SINGLES]
    return [
        _pick(families[field % len(families)], field // len(families))
        for families in TEXT_SINGLE_FAMILIES
    ]


def every_family(turn: int) -> list[Entry]:
    """One entry of each family, the ``turn``-th of each."""
    return [_pick(family, turn) for family in FAMILIES]


# Uploads: files that are not what they claim, and names that try to leave the folder.
FILES = [
    ("<script>hostile0005</script>.jpg", b"not a picture at all"),
    ("../../../../tmp/hostile.jpg", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ("empty.jpg", b""),
    ("İstanbul مرحبا 👍.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16),
]
FILE_REFLECTIONS = (re.escape("<script>hostile0005"),)
