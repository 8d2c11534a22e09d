"""A small cookie-keeping HTTP client that submits HTML forms as a browser would (every field with
its current value, the CSRF token included), for the tests that go through Varnish."""

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action") or "", "id": attrs.get("id"), "fields": []}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._form["fields"].append(
                [name, attrs.get("value", "on" if kind == "checkbox" else "")]
            )
        elif tag == "select" and name:
            self._select = {
                "name": name,
                "multiple": "multiple" in attrs,
                "chosen": [],
                "first": None,
            }
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self._form["fields"].extend([self._select["name"], value] for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline right after <textarea>.
            self._textarea[1] = self._textarea[1].removeprefix("\n")
            self._form["fields"].append(self._textarea)
            self._textarea = None


def forms(html: str) -> list[dict]:
    """Each form of the page: {"action": ..., "fields": [[name, value], ...]}."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Browser:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def open(self, path: str, data: bytes | None = None, headers: dict | None = None):
        """(status, headers, text) after redirects."""
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            self.base_url + path, data, headers=headers or {}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def get(self, path: str):
        return self.open(path)

    def submit(self, path: str, form: str, changes: dict, *, extra=()):
        """Open ``path``, fill the form whose id is ``form`` (or whose action contains it) with
        ``changes`` (name -> value; other fields keep their values) and post it."""
        status, _headers, page = self.get(path)
        assert status == 200, f"GET {path}: {status}"
        [form] = [f for f in forms(page) if f["id"] == form or (form and form in f["action"])]
        fields = [[name, changes.get(name, value)] for name, value in form["fields"]]
        names = {name for name, _value in fields}
        fields += [[name, value] for name, value in changes.items() if name not in names]
        fields += [list(pair) for pair in extra]
        action = form["action"] or path
        target = action if action.startswith("/") else urllib.parse.urljoin(path, action)
        body = urllib.parse.urlencode([tuple(pair) for pair in fields]).encode()
        return self.open(target, body, headers={"Referer": self.base_url + path})
