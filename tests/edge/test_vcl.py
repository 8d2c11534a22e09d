"""deploy/varnish/default.vcl in a real varnishd (via deploy/varnish/run-varnish) in front of a
stub origin: what it caches, what it passes, how it purges and what it serves when the origin
fails. The site itself in front of Varnish: test_varnish_in_front.py."""

import http.client
import json
import time

import pytest

from newsportal.edge import PurgeFailed, VarnishPurger, purge_at_edge

PUBLIC = "public, max-age=0, s-maxage=3600, stale-while-revalidate=30, stale-if-error=86400"


def page(keys, cache_control=PUBLIC, **headers):
    return (
        200,
        {
            "Content-Type": "text/html; charset=utf-8",
            "Cache-Control": cache_control,
            "Vary": "Cookie",
            "xkey": " ".join(keys),
            "Surrogate-Key": " ".join(keys),
            "Cache-Tag": ",".join(keys),
            **headers,
        },
        b"page",
    )


def fetched(origin, path):
    """How many times the origin was asked for ``path``."""
    return sum(1 for request in origin.requests if request.path == path)


@pytest.fixture
def edge(origin, start_varnish):
    origin.pages["/news/1/"] = page(["story-1", "list-home", "site"])
    origin.pages["/news/2/"] = page(["story-2", "site"])
    return start_varnish(origin.port)


def wait_for(condition, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_second_request_is_a_hit_and_the_keys_are_not_shown(origin, edge):
    first = edge.get("/news/1/")
    second = edge.get("/news/1/")
    assert (first.status, first.headers["X-Cache"]) == (200, "MISS")
    assert (second.status, second.headers["X-Cache"]) == (200, "HIT")
    assert second.body == first.body and fetched(origin, "/news/1/") == 1
    assert "Age" in second.headers
    for header in ("xkey", "Surrogate-Key", "Cache-Tag"):
        assert header.lower() not in {name.lower() for name in second.headers}


def test_a_purge_drops_exactly_the_pages_naming_the_key(origin, edge):
    for path in ("/news/1/", "/news/2/"):
        edge.get(path)
    VarnishPurger([edge.url]).purge(["story-1"])
    assert edge.get("/news/1/").headers["X-Cache"] == "MISS"
    assert edge.get("/news/2/").headers["X-Cache"] == "HIT"


def test_purge_at_edge_purges_through_the_settings(origin, edge, settings):
    settings.EDGE_PURGERS = [
        {"BACKEND": "newsportal.edge.VarnishPurger", "OPTIONS": {"urls": [edge.url]}}
    ]
    for path in ("/news/1/", "/news/2/"):
        edge.get(path)
    purge_at_edge(["site"])
    assert [edge.get(path).headers["X-Cache"] for path in ("/news/1/", "/news/2/")] == [
        "MISS",
        "MISS",
    ]


def test_the_purge_answer_counts_the_objects_dropped(origin, edge):
    for path in ("/news/1/", "/news/2/"):
        edge.get(path)
    answer = edge.get("/", method="PURGE", headers={"xkey-purge": "site"})
    assert (answer.status, answer.text.strip()) == (200, "Purged 2")
    assert edge.get("/", method="PURGE").status == 400  # no keys: nothing purged


def purge_from(edge, source, keys):
    connection = http.client.HTTPConnection(
        "127.0.0.1", edge.port, timeout=5, source_address=(source, 0)
    )
    try:
        connection.request("PURGE", "/", headers={"xkey-purge": keys})
        return connection.getresponse().status
    finally:
        connection.close()


def test_only_the_purge_acl_may_purge(origin, edge, start_varnish):
    edge.get("/news/1/")
    assert purge_from(edge, "127.0.0.2", "story-1") == 403
    assert edge.get("/news/1/").headers["X-Cache"] == "HIT"
    # PURGE_FROM (run-varnish) admits more addresses, such as the app servers'.
    wider = start_varnish(origin.port, purge_from="127.0.0.2 10.0.0.0/8")
    wider.get("/news/1/")
    assert purge_from(wider, "127.0.0.2", "story-1") == 200
    assert wider.get("/news/1/").headers["X-Cache"] == "MISS"


def test_a_purge_refused_by_varnish_is_a_failure(origin, start_varnish, monkeypatch):
    varnish = start_varnish(origin.port)
    real = http.client.HTTPConnection.__init__

    def from_outside(self, *args, **kwargs):  # the app server, outside the ACL
        real(self, *args, **{**kwargs, "source_address": ("127.0.0.3", 0)})

    monkeypatch.setattr(http.client.HTTPConnection, "__init__", from_outside)
    with pytest.raises(PurgeFailed, match="403"):
        VarnishPurger([varnish.url]).purge(["site"])


def test_a_signed_in_reader_and_a_one_off_message_pass_to_the_origin(origin, edge):
    edge.get("/news/1/")
    for cookie in ("sessionid=abc", "theme=dark; sessionid=abc", "messages=xyz"):
        answer = edge.get("/news/1/", headers={"Cookie": cookie})
        assert answer.headers["X-Cache"] == "MISS"
        assert origin.requests[-1].headers["Cookie"] == cookie
    assert fetched(origin, "/news/1/") == 4


def test_other_cookies_are_dropped_and_anonymous_readers_share_one_copy(origin, edge):
    edge.get("/news/1/")
    answer = edge.get("/news/1/", headers={"Cookie": "_ga=GA1.2; csrftoken=abc; notsessionid=1"})
    assert answer.headers["X-Cache"] == "HIT"
    assert fetched(origin, "/news/1/") == 1
    origin.pages["/news/3/"] = page(["story-3"])
    edge.get("/news/3/", headers={"Cookie": "_ga=GA1.2"})
    assert "Cookie" not in origin.requests[-1].headers


@pytest.mark.parametrize(
    "response_headers",
    [
        {"Cache-Control": "private, max-age=0"},
        {"Cache-Control": "no-store"},
        {"Set-Cookie": "csrftoken=abc; Path=/"},
    ],
)
def test_private_pages_and_pages_setting_cookies_are_never_cached(origin, edge, response_headers):
    status, headers, body = page(["story-4"])
    origin.pages["/news/4/"] = (status, {**headers, **response_headers}, body)
    edge.get("/news/4/")
    assert edge.get("/news/4/").headers["X-Cache"] == "MISS"
    assert fetched(origin, "/news/4/") == 2


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/articles/article/", "/accounts/login/", "/newsroom/"]
)
def test_the_newsroom_and_accounts_always_reach_the_origin(origin, edge, path):
    origin.pages[path] = page(["site"])  # even when the origin would let it be cached
    edge.get(path, headers={"Cookie": "csrftoken=abc"})
    edge.get(path, headers={"Cookie": "csrftoken=abc"})
    assert fetched(origin, path) == 2
    assert origin.requests[-1].headers["Cookie"] == "csrftoken=abc"


def test_posts_reach_the_origin(origin, edge):
    edge.get("/news/1/")
    edge.get("/news/1/", method="POST", body=b"a=1")
    assert fetched(origin, "/news/1/") == 2


def test_the_health_check_is_never_cached(origin, edge):
    before = fetched(origin, "/healthz")
    assert edge.get("/healthz").status == 200
    assert edge.get("/healthz").status == 200
    assert fetched(origin, "/healthz") >= before + 2


def test_with_the_origin_sick_readers_get_the_last_copy_and_the_health_check_says_so(origin, edge):
    origin.pages["/news/5/"] = page(["story-5"], cache_control=PUBLIC.replace("3600", "1"))
    first = edge.get("/news/5/")
    origin.healthy = False
    origin.pages["/news/5/"] = (503, {"Content-Type": "text/html"}, b"database down")
    # The origin's own answer until the probe marks it sick (3 failures out of 5, 1 s apart).
    assert wait_for(lambda: b"origin-down" in edge.get("/healthz").body)
    health = edge.get("/healthz")
    assert health.status == 503
    assert json.loads(health.body) == {"status": "origin-down", "edge": "serving cached pages"}
    assert health.headers["Content-Type"] == "application/json"
    time.sleep(1.5)  # past the page's s-maxage
    stale = edge.get("/news/5/")
    assert (stale.status, stale.body) == (200, first.body)
    assert int(stale.headers["Age"]) >= 1


def test_an_origin_error_on_a_background_refresh_keeps_the_stale_copy(origin, edge):
    origin.pages["/news/6/"] = page(["story-6"], cache_control=PUBLIC.replace("3600", "1"))
    first = edge.get("/news/6/")
    origin.pages["/news/6/"] = (500, {"Content-Type": "text/html"}, b"error")
    time.sleep(1.5)
    assert edge.get("/news/6/").body == first.body  # stale while revalidating: fails behind
    assert wait_for(lambda: fetched(origin, "/news/6/") == 2, 5)
    time.sleep(0.2)
    assert edge.get("/news/6/").body == first.body


def test_an_origin_error_without_a_cached_copy_reaches_the_reader_as_is(origin, edge):
    origin.pages["/news/7/"] = (500, {"Content-Type": "text/html"}, b"the site's error page")
    answer = edge.get("/news/7/")
    assert answer.status == 500 and answer.body.startswith(b"the site's error page")


def test_with_the_origin_stopped_the_health_check_says_the_origin_is_down(origin, edge):
    origin.stop()
    answer = edge.get("/healthz")
    assert answer.status == 503
    assert json.loads(answer.body)["status"] == "origin-down"
