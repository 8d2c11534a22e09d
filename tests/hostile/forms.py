"""The forms and same-page links of an HTML page, read as a browser would submit them."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

# Fields a browser never lets the reader type into and that mean nothing with CSRF checks off.
NOT_FUZZED = {"csrfmiddlewaretoken"}
SUBMIT_TYPES = {"submit", "button", "image", "reset"}


@dataclass
class Field:
    name: str
    kind: str  # the input type, "textarea" or "select"
    value: str = ""
    required: bool = False
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    multiple: bool = False
    css_class: str = ""


DATE_NAME = re.compile(r"(date|_at\b|_at_|year|month|day|__gte|__lt|edition|until|_0$)")
NUMBER_NAME = re.compile(r"(^p$|page|count|order|attempts|_id$|^id|__id|TOTAL_FORMS|INITIAL_FORMS)")


def looks_like(name: str, kind: str = "text", css_class: str = "") -> str:
    """ "date", "number" or "text": what a field or parameter seems to hold, from its input type,
    its admin widget's class or its name."""
    if kind in ("date", "datetime-local") or "vDateField" in css_class or DATE_NAME.search(name):
        return "date"
    if kind == "number" or NUMBER_NAME.search(name):
        return "number"
    return "text"


@dataclass
class Form:
    method: str
    action: str
    multipart: bool
    fields: list[Field] = field(default_factory=list)

    def names(self) -> tuple[str, ...]:
        return tuple(sorted({f.name for f in self.fields if f.kind not in SUBMIT_TYPES}))

    def fuzzable(self) -> list[Field]:
        """One field per name; of repeated inline forms (``gallery-0-image``,
        ``gallery-1-image``) only the first, since the others take the same code path."""
        seen, chosen = set(), []
        for f in self.fields:
            if f.name in NOT_FUZZED or f.kind in SUBMIT_TYPES or "__prefix__" in f.name:
                continue
            shape = "-".join("N" if part.isdigit() else part for part in f.name.split("-"))
            if shape in seen:
                continue
            seen.add(shape)
            chosen.append(f)
        return chosen

    def defaults(self, today: str) -> list[tuple[str, str]]:
        """What a reader who fills in only what is required would send: the page's values,
        required boxes ticked, required empty fields given a plausible value."""
        pairs: list[tuple[str, str]] = []
        first_submit = True
        for f in self.fields:
            if "__prefix__" in f.name:
                continue
            if f.kind in SUBMIT_TYPES:
                if first_submit and f.kind != "reset":
                    pairs.append((f.name, f.value))
                    first_submit = False
                continue
            if f.kind in ("checkbox", "radio"):
                if f.checked or (f.required and f.kind == "checkbox"):
                    pairs.append((f.name, f.value or "on"))
                continue
            if f.kind == "select":
                if f.selected:
                    values = f.selected if f.multiple else f.selected[-1:]
                elif f.multiple:
                    values = [v for v in f.options if v][:1] if f.required else []
                else:
                    # A browser sends the first option; a required choice, the first real one.
                    values = ([v for v in f.options if v] if f.required else f.options)[:1]
                pairs.extend((f.name, v) for v in values)
                continue
            if f.kind == "file":
                continue
            value = f.value or (plausible(f, today) if f.required else "")
            pairs.append((f.name, value))
        return pairs


def plausible(f: Field, today: str) -> str:
    if f.kind == "email" or "email" in f.name:
        return "sane.reader@example.org"
    if f.kind == "password":
        return "correct horse battery staple 42"
    if f.kind == "url":
        return "https://example.org/"
    if f.kind == "number":
        return "1"
    if f.kind == "date" or "vDateField" in f.css_class:
        return today
    if "vTimeField" in f.css_class:
        return "12:00:00"
    return "Sane text"


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                method=a.get("method", "get").lower(),
                action=a.get("action", ""),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self._form)
        elif self._form is None or "name" not in a and tag != "option":
            return
        elif tag in ("input", "button"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            self._form.fields.append(
                Field(
                    name=a["name"],
                    kind=kind,
                    value=a.get("value", "on" if kind in ("checkbox", "radio") else ""),
                    required="required" in a,
                    checked="checked" in a,
                    css_class=a.get("class", ""),
                )
            )
        elif tag == "textarea":
            self._textarea = Field(name=a["name"], kind="textarea", required="required" in a)
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(
                name=a["name"], kind="select", required="required" in a, multiple="multiple" in a
            )
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = value
            if value is not None:
                self._select.options.append(value)
                if "selected" in a:
                    self._select.selected.append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._select is not None and self._option is None and data.strip():
            # <option> without a value attribute submits its text.
            self._select.options.append(data.strip())

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def same_page_parameters(links: list[str], path: str) -> list[str]:
    """Names of the query parameters of links that lead to this same page (filters, sorting,
    pagination, queues)."""
    names: dict[str, None] = {}
    for href in links:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or (parts.path and parts.path != path):
            continue
        for name, _value in parse_qsl(parts.query, keep_blank_values=True):
            names[name] = None
    return list(names)
