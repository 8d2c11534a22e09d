"""Behind our own proxies, limits and counts key on the reader's address, not the proxy's."""

import pytest
from django.conf import settings
from django.test import override_settings

from newsportal.proxy import forwarded_client_address

SEARCH = "/search/"
PROXY = "10.0.0.5"

SEARCHES_PER_MINUTE = settings.RATE_LIMITS["search-ip"][0]


@pytest.mark.parametrize(
    ("header", "trusted", "expected"),
    [
        ("203.0.113.7", 1, "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", 1, "203.0.113.7"),  # the leftmost entry is the client's own
        ("198.51.100.1, 203.0.113.7, 10.0.0.9", 2, "203.0.113.7"),
        ("2001:db8::1", 1, "2001:db8::1"),
        ("", 1, None),
        ("203.0.113.7", 2, None),  # fewer hops than proxies: the header is not ours
        ("'; DROP TABLE articles; --", 1, None),
        ("<script>alert(1)</script>", 1, None),
        ("١٢٣.٠.٠.١", 1, None),  # Arabic-Indic digits are not an address
        ("203.0.113.7", 0, None),  # no proxies configured: the header is ignored
    ],
)
def test_the_address_our_outermost_proxy_saw(header, trusted, expected):
    assert forwarded_client_address(header, trusted) == expected


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_two_readers_behind_the_load_balancer_have_their_own_search_limit(client):
    def search(reader):
        return client.get(
            SEARCH, {"q": "ferry"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=reader
        ).status_code

    for _ in range(SEARCHES_PER_MINUTE):
        assert search("203.0.113.7") == 200
    assert search("203.0.113.7") == 429
    assert search("203.0.113.8") == 200
    # A reader who forges the header is still known by the address the proxy saw.
    assert search("198.51.100.1, 203.0.113.7") == 429


@pytest.mark.django_db
def test_without_trusted_proxies_a_forged_header_changes_nothing(client):
    for _ in range(SEARCHES_PER_MINUTE):
        client.get(SEARCH, {"q": "ferry"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    response = client.get(SEARCH, {"q": "ferry"}, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_long_forged_header_cannot_push_out_what_our_proxy_wrote(rf):
    from newsportal.proxy import TrustedProxyMiddleware

    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]

    forged = "16.6.6.6, " * 400  # 4,000 characters written by the client
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forged + "203.0.113.9", REMOTE_ADDR=PROXY)
    TrustedProxyMiddleware(view)(request)
    assert seen["address"] == "203.0.113.9"
