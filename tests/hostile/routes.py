"""Every URL pattern of the site, from the URL conf, and how to fill in its parameters."""

import re
from dataclasses import dataclass
from itertools import islice, product
from urllib.parse import quote, unquote_to_bytes

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils.encoding import repercent_broken_unicode

ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern: the chain of patterns from the root and the final one."""

    chain: tuple  # RoutePattern / RegexPattern objects, root first
    pattern: URLPattern

    @property
    def text(self) -> str:
        return "".join(str(part) for part in self.chain)

    @property
    def is_admin(self) -> bool:
        return self.text.startswith("admin/")

    def admin_model(self):
        """The model of an admin page such as admin/articles/article/<path:object_id>/change/."""
        parts = self.text.split("/")
        if not self.is_admin or len(parts) < 3:
            return None
        try:
            return apps.get_model(parts[1], parts[2])
        except (LookupError, ValueError):
            return None

    def parameters(self) -> list[tuple[str, str]]:
        """(name, kind) of each parameter, kind a converter name or "regex"."""
        found = []
        for part in self.chain:
            if isinstance(part, RoutePattern):
                for match in ROUTE_PARAMETER.finditer(str(part)):
                    found.append((match["name"], match["converter"] or "str"))
            else:
                for name, group in _groups(str(part)):
                    # A choice of words, such as the admin's (?P<app_label>auth|sites|…):
                    # its words are its values.
                    words = re.fullmatch(r"\((?:\?P<\w+>)?([\w|]+)\)", group)
                    found.append((name, f"choice:{words[1]}" if words else "regex"))
        return found

    def build(self, values: dict[str, str]) -> str | None:
        """The path with ``values`` (already URL-encoded text) in its parameters."""
        pieces = []
        for part in self.chain:
            if isinstance(part, RoutePattern):
                pieces.append(ROUTE_PARAMETER.sub(lambda match: values[match["name"]], str(part)))
            elif isinstance(part, RegexPattern):
                text = str(part).removeprefix("^").removesuffix("$")
                for name, group in _groups(text):
                    text = text.replace(group, values[name], 1)
                if re.search(r"(?<!\\)[\[\]()*+?|{}^$]", text):
                    return None  # a regex part we cannot write out
                pieces.append(re.sub(r"\\(.)", r"\1", text))
            else:
                return None
        return "/" + "".join(pieces)

    def matches(self, path: str) -> bool:
        """Whether Django would send ``path`` (as sent on the wire) to this pattern."""
        decoded = repercent_broken_unicode(unquote_to_bytes(path)).decode()
        try:
            match = resolve(decoded)
        except Resolver404:
            return False
        return match.func == self.pattern.callback and match.route == self.resolved_route

    @property
    def resolved_route(self) -> str:
        """The route as Django's resolver reports it (ResolverMatch.route)."""
        joined = ""
        for part in self.chain:
            text = str(part)
            joined = joined + text.removeprefix("^") if joined else text
        return joined


def _groups(regex: str) -> list[tuple[str, str]]:
    """(name, the group's text) for the capturing groups of ``regex``; unnamed ones are
    numbered ``_1``, ``_2``…"""
    found, depth, start, index, escaped, in_class = [], 0, 0, 0, False, False
    for position, char in enumerate(regex):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            if depth == 0:
                start = position
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                group = regex[start : position + 1]
                named = re.match(r"\(\?P<(\w+)>", group)
                if named:
                    found.append((named[1], group))
                elif not group.startswith("(?"):
                    index += 1
                    found.append((f"_{index}", group))
    return found


def routes() -> list[Route]:
    def walk(patterns, chain):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, (*chain, entry.pattern))
            elif isinstance(entry, URLPattern):
                yield Route(chain=(*chain, entry.pattern), pattern=entry)

    return list(walk(get_resolver().url_patterns, ()))


def candidates(route: Route, name: str, kind: str, values: dict[str, list[str]]) -> list[str]:
    """Real values for a parameter: the admin's object for its model's pages, else the
    newsroom's values for that name, else every newsroom value the converter accepts."""
    model = route.admin_model()
    if model is not None and name in ("object_id", "id", "pk", "_1"):
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            return [str(first.pk)]
    if kind.startswith("choice:"):
        return kind.removeprefix("choice:").split("|")
    if name in values and values[name]:
        return list(values[name])
    pool = [value for many in values.values() for value in many]
    if kind == "int" or name.startswith("_"):
        return [value for value in pool if value.isdigit()]
    if kind == "slug":
        return [value for value in pool if re.fullmatch(r"[-a-zA-Z0-9_]+", value)]
    return [value for value in pool if "/" not in value]


def real_paths(
    route: Route, values: dict[str, list[str]], limit: int = 40
) -> list[tuple[str, dict[str, str]]]:
    """(path, the values in it) for this pattern built from real values, best guesses first."""
    parameters = route.parameters()
    options = [
        [quote(v, safe="/") for v in candidates(route, name, kind, values)]
        for name, kind in parameters
    ]
    paths = []
    for combination in islice(product(*options), limit):
        filled = dict(zip([name for name, _ in parameters], combination, strict=True))
        path = route.build(filled)
        if path is not None and route.matches(path):
            paths.append((path, filled))
    return paths
