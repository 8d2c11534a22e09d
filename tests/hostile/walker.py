"""Walks one URL pattern with the corpus: hostile query parameters, path parameters and form
fields, as one role (anonymous, reader, superuser); collects every 500 and every unescaped
reflection instead of stopping at the first.

Each request runs in a savepoint that is always rolled back, and the client's cookies are put
back after it, so a hostile request that deletes, logs out or breaks the transaction (PostgreSQL
refuses every query after an error) leaves the next one the same newsroom and the same session.
"""

import re
import traceback
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from . import corpus
from .counts import COUNTS
from .forms import Form, looks_like, parse_page, same_page_parameters
from .routes import Route

# Parameters tried on every page, known to it or not.
GENERIC_PARAMETERS = ["q", "page", "next", "o", "p", "sort", "e", "_to_field", "_popup"]
# Pages whose forms are on every page (header search, newsletter box, log-out button): those
# forms are fuzzed on these pages only, not again on each page that shows them.
CHROME_PAGES = ["/", "/admin/"]


class _RolledBack(Exception):
    pass


def encode(value: str | bytes) -> str:
    return quote(value if isinstance(value, bytes) else value.encode(), safe="")


def encode_pairs(pairs: list[tuple[str, str | bytes]]) -> str:
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)


@dataclass
class Walker:
    route: Route
    role: str
    client: Client
    # Forms already walked in this test (by another role), by signature.
    walked_forms: set = field(default_factory=set)
    # Parameters already tried alone in this test (by another role).
    walked_parameters: set = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    _chrome: dict = field(default_factory=dict)

    # --- one request, checked
    def send(self, method, path, *, query="", body=None, multipart=None, entries=(), what=""):
        """One request in a savepoint that is rolled back, and the redirect after it when it
        stays on the site and the request carried a payload that could come back there;
        returns the first response, or None when the view raised."""
        url = f"{path}?{query}" if query else path
        reflections = tuple(pattern for entry in entries for pattern in entry.reflections)
        cookies = self.client.cookies
        self.client.cookies = type(cookies)(cookies)
        first = None
        try:
            with transaction.atomic():
                first = self._one(method, url, body, multipart, reflections, what)
                location = first.get("Location", "") if first.status_code in (301, 302, 303) else ""
                target = urlsplit(location)
                if reflections and location and not target.netloc and location.startswith("/"):
                    self._one("GET", location, None, None, reflections, f"{what} → {location}")
                raise _RolledBack
        except _RolledBack:
            pass
        except Exception as error:  # raised by the view, through the test client
            frame = traceback.extract_tb(error.__traceback__)[-1]
            COUNTS.server_errors += 1
            self.fail(
                method,
                url,
                what,
                f"{type(error).__name__}: {str(error)[:200]} "
                f"({frame.filename.rsplit('/', 2)[-1]}:{frame.lineno})",
            )
        finally:
            self.client.cookies = cookies
            mail.outbox = []
        return first

    def _one(self, method, url, body, multipart, reflections, what):
        COUNTS.requests += 1
        if multipart is not None:
            response = self.client.post(url, multipart)
        elif body is not None:
            response = self.client.generic(
                method, url, body, content_type="application/x-www-form-urlencoded"
            )
        else:
            response = self.client.generic(method, url)
        if response.status_code >= 500:
            COUNTS.server_errors += 1
            self.fail(method, url, what, f"answered {response.status_code}")
        content_type = response.get("Content-Type", "")
        if reflections and content_type.startswith("text/html") and not response.streaming:
            html = response.content.decode(errors="replace")
            for pattern in reflections:
                found = re.search(pattern, html)
                if found:
                    COUNTS.reflections += 1
                    at = found.start()
                    self.fail(method, url, what, f"reflected: …{html[max(0, at - 80) : at + 60]!r}")
        return response

    def fail(self, method, url, what, problem):
        shown = url if len(url) <= 140 else f"{url[:140]}…"
        self.failures.append(f"[{self.role}] {method} {shown} ({what}) -> {problem}")

    # --- the walk
    def probe(self, path):
        """One request for a page this role may not see: markup in every generic parameter,
        and the way to the log-in page followed, which shows ``next`` back."""
        COUNTS.pages.add(self.route.text)
        query = encode_pairs([(name, corpus.SCRIPT) for name in GENERIC_PARAMETERS])
        self.send("GET", path, query=query, entries=[corpus.ENTRIES[0]], what="probe")

    def walk(self, path, *, hostile_paths, generic_turns):
        """Everything for one page as this role: a plain GET, hostile values in the generic
        parameters (crossed requests ``generic_turns``) and the page's own ones, its forms, and
        ``hostile_paths``. Returns whether the page answered 200."""
        COUNTS.pages.add(self.route.text)
        page = self.send("GET", path, what="plain")
        parsed = None
        if page is not None and page.status_code == 200 and "html" in page.get("Content-Type", ""):
            parsed = parse_page(page.content.decode(errors="replace"))
        self.query_parameters(path, parsed, generic_turns)
        if parsed is not None:
            for form in parsed.forms:
                if form.method == "post" and self.owns(form, path):
                    self.post_form(path, form)
        for hostile_path, entry in hostile_paths:
            self.send("GET", hostile_path, entries=[entry], what="path parameter")
        return page is not None and page.status_code == 200

    def query_parameters(self, path, parsed, generic_turns):
        own: list[str] = []
        if parsed is not None:
            for form in parsed.forms:
                if form.method == "get" and form.action in ("", path, "?", "."):
                    own.extend(f.name for f in form.fuzzable())
            own.extend(same_page_parameters(parsed.links, path))
        own = [name for name in dict.fromkeys(own) if name not in self.walked_parameters]
        names = GENERIC_PARAMETERS + [name for name in own if name not in GENERIC_PARAMETERS]
        for name in names:
            COUNTS.fields.add(f"GET {self.route.text} ?{name}")
        # Own parameters get every family; the generic ones only on the turns given.
        turns = range(len(corpus.FAMILIES)) if own else generic_turns
        for request in turns:
            entries = [corpus.crossed(index, request) for index in range(len(names))]
            query = encode_pairs([(n, e.value) for n, e in zip(names, entries, strict=True)])
            self.send("GET", path, query=query, entries=entries, what=f"crossed {request}")
        for index, name in enumerate(own):
            self.walked_parameters.add(name)
            for entry in corpus.singles(index, looks_like(name)):
                query = encode_pairs([(name, entry.value)])
                self.send("GET", path, query=query, entries=[entry], what=f"?{name} alone")

    # --- forms
    def owns(self, form: Form, path: str) -> bool:
        """Whether to walk this form here: once per test, and forms shown on every page
        (search, newsletter box, log-out) on their chrome page only."""
        key = signature(form, path)
        if key in self.walked_forms:
            return False
        self.walked_forms.add(key)
        if path in CHROME_PAGES:
            return True
        chrome_page = "/admin/" if self.route.is_admin else "/"
        return key not in self.chrome_forms(chrome_page)

    def chrome_forms(self, chrome_page) -> set:
        if chrome_page not in self._chrome:
            COUNTS.requests += 1
            response = self.client.get(chrome_page)
            forms = parse_page(response.content.decode(errors="replace")).forms
            self._chrome[chrome_page] = {signature(form, chrome_page) for form in forms}
        return self._chrome[chrome_page]

    def post_form(self, path: str, form: Form):
        action = urlsplit(form.action).path or path
        query = urlsplit(form.action).query
        target = f"{action}?{query}" if query else action
        defaults = form.defaults(timezone.localdate().isoformat())
        fields = form.fuzzable()
        texts = [f for f in fields if f.kind != "file"]
        for f in fields:
            COUNTS.fields.add(f"POST {self.route.text} → {action} {f.name}")
        self.submit(form, target, defaults, {}, "sane values")
        for request in range(len(corpus.FAMILIES)):
            hostile = {f.name: corpus.crossed(i, request) for i, f in enumerate(texts)}
            self.submit(form, target, defaults, hostile, f"crossed {request}")
        for index, hostile_field in enumerate(texts):
            kind = looks_like(hostile_field.name, hostile_field.kind, hostile_field.css_class)
            if kind == "text" and self.route.is_admin:
                continue  # the admin's many text fields: the crossed requests are enough
            for entry in corpus.singles(index, kind):
                self.submit(
                    form, target, defaults, {hostile_field.name: entry}, f"{hostile_field.name}"
                )
        for upload_field in (f for f in fields if f.kind == "file"):
            for name, content in corpus.FILES:
                upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
                self.submit(
                    form,
                    target,
                    defaults,
                    {},
                    f"{upload_field.name}: file {name!r}",
                    upload=(upload_field.name, upload),
                )

    def submit(self, form, target, defaults, hostile, what, upload=None):
        pairs = [(n, v) for n, v in defaults if n not in hostile]
        pairs += [(name, entry.value) for name, entry in hostile.items()]
        entries = list(hostile.values())
        if not form.multipart:
            self.send("POST", target, body=encode_pairs(pairs), entries=entries, what=what)
            return
        data: dict = {}
        for name, value in pairs:
            data.setdefault(name, []).append(value)
        if upload is not None:
            data[upload[0]] = upload[1]
            entries = [corpus.Entry("file", upload[1].name, corpus.FILE_REFLECTIONS)]
        self.send("POST", target, multipart=data, entries=entries, what=what)


def signature(form: Form, page: str) -> tuple:
    return (form.method, urlsplit(form.action).path or page, form.names())
