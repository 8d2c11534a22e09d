"""Every page of the site says whether the page cache serves it: a new view cannot be forgotten."""

from django.urls import URLPattern, URLResolver, get_resolver

from newsportal.pagecache import page_cache_declaration

# URL sets of packages, not reader pages: the admin, allauth's account pages (always a signed-in
# or signing-in person's own), and anymail's webhooks for the email provider.
NOT_READER_PAGES = ("admin/", "accounts/", "newsletter/webhooks/")


def walk(patterns, prefix="", namespace=""):
    """(route, "namespace:name", pattern) of every URL pattern below ``patterns``."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name}", pattern


def reader_patterns():
    return [
        (route, name, pattern)
        for route, name, pattern in walk(get_resolver().url_patterns)
        if not route.lstrip("^").startswith(NOT_READER_PAGES)
    ]


def test_every_reader_url_is_either_page_cached_or_left_out_on_purpose():
    undeclared = [
        f"{route} ({name})"
        for route, name, pattern in reader_patterns()
        if page_cache_declaration(pattern.callback) is None
    ]
    assert reader_patterns(), "no URL patterns found"
    assert undeclared == [], "declare @page_cached or @never_page_cached on: " + ", ".join(
        undeclared
    )


def test_the_pages_readers_arrive_on_are_cached_and_the_rest_left_out():
    declared = {
        name: page_cache_declaration(pattern.callback) for _, name, pattern in reader_patterns()
    }
    cached = [
        "articles:home",
        "articles:article-detail",
        "articles:section-detail",
        "articles:tag-detail",
        "articles:source-detail",
        "articles:author-detail",
        "articles:archive",
        "articles:archive-year",
        "articles:archive-month",
        "articles:archive-day",
        "articles:search",
        "articles:feed-latest",
        "articles:feed-section-atom",
        "articles:sitemap",
        "articles:sitemap-news",
        "articles:sitemap-section",
        "comments:thread",
        "newsletter:archive",
        "newsletter:digest-detail",
        "legal:terms",
        "legal:guidelines",
    ]
    left_out = [
        "articles:article-preview",
        "comments:post",
        "comments:mine",
        "newsletter:subscribe",
        "newsletter:confirm",
        "accounts:delete",
        "health",
    ]
    assert {name: declared[name] for name in cached} == dict.fromkeys(cached, True)
    assert {name: declared[name] for name in left_out} == dict.fromkeys(left_out, False)


def test_marking_a_packages_view_does_not_mark_the_package_function_itself():
    from django.contrib.sitemaps import views as sitemap_views

    assert page_cache_declaration(sitemap_views.sitemap) is None
