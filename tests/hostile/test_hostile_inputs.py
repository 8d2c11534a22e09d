"""Every URL pattern of the site, walked with hostile input as an anonymous visitor, a signed-in
reader and a superuser: no answer may be a server error, and no payload may come back unescaped
in an HTML page.

The pages are read from the URL conf and the fields from the forms each page renders, so a new
page, parameter or form field is walked without changing this module. What the walk did is
printed at the end of the run (tests/hostile/counts.py).
"""

import pytest
from django.contrib import admin
from django.test import Client

from . import corpus
from .newsroom import build_newsroom
from .routes import Route, real_paths, routes
from .walker import Walker, encode

pytestmark = pytest.mark.django_db

ROUTES = routes()
# Parameter values tried in every path parameter on top of the corpus's cover.
PATH_EXTRAS = [
    corpus.Entry(("number",), "0"),
    corpus.Entry(("huge_number",), "9" * 30),
    corpus.Entry(("negative",), "-1"),
]


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Hundreds of requests from one address in a second: the walk is about what each one
    answers, not about being told to slow down (rate limits have tests of their own)."""
    settings.RATE_LIMITS = {name: (10**9, 60) for name in settings.RATE_LIMITS}
    settings.ACCOUNT_RATE_LIMITS = False


def hostile_paths(route: Route, real: dict[str, str], rotation: int):
    """Paths of this pattern with a hostile value in one parameter, the others real: one entry
    of each family (admin pages, which are Django's own, four families, rotating)."""
    found, seen = [], set()
    for index, (name, _kind) in enumerate(route.parameters()):
        entries = [*corpus.every_family(index), *PATH_EXTRAS]
        if route.is_admin:
            entries = [entries[(rotation + step) % len(entries)] for step in range(4)]
        for entry in entries:
            path = route.build({**real, name: encode(entry.value)})
            if path and path not in seen and route.matches(path):
                seen.add(path)
                found.append((path, entry))
    return found


def signed_in(user) -> Client:
    client = Client(raise_request_exception=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize("route", ROUTES, ids=[route.text or "(home)" for route in ROUTES])
def test_every_page_answers_hostile_input_without_a_500_or_a_reflection(route):
    newsroom = build_newsroom()
    built = real_paths(route, newsroom.values)
    assert built, f"no real value fills {route.text}: add one to tests/hostile/newsroom.py"
    superuser = signed_in(newsroom.superuser)
    path, real = built[0]
    for candidate, values in built[1:]:
        if 200 <= superuser.get(path).status_code < 400:
            break
        path, real = candidate, values
    roles = {
        "anonymous": Client(raise_request_exception=True),
        "reader": signed_in(newsroom.reader),
        "superuser": superuser,
    }
    rotation = ROUTES.index(route)
    # Generic parameters: every family once per page (four rotating ones on admin pages).
    families = range(len(corpus.FAMILIES))
    generic_turns = (
        [(rotation + n) % len(families) for n in range(4)] if route.is_admin else families
    )
    failures, walked_forms, walked_parameters = [], set(), set()
    for role, client in roles.items():
        walker = Walker(
            route=route,
            role=role,
            client=client,
            walked_forms=walked_forms,
            walked_parameters=walked_parameters,
        )
        if route.is_admin and role != "superuser":
            walker.probe(path)
        elif walker.walk(
            path,
            hostile_paths=hostile_paths(route, real, rotation) if generic_turns else [],
            generic_turns=generic_turns,
        ):
            # The generic parameters and the path once, by the first role that sees the page.
            generic_turns = []
        failures.extend(walker.failures)
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


def test_every_model_in_the_admin_has_an_object_in_the_newsroom():
    """So the walk opens each change, delete and history page with a real object too."""
    build_newsroom()
    empty = [
        model._meta.label for model in admin.site._registry if not model._default_manager.exists()
    ]
    assert empty == [], "add one of each to tests/hostile/newsroom.py"
