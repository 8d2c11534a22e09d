"""Every page of the site says whether the page cache serves it: a new view cannot be forgotten."""

from django.urls import URLPattern, URLResolver, get_resolver

from newsportal.pagecache import page_cache_declaration

# URL sets of packages, not reader pages: the admin, allauth's account pages (always a signed-in
# or signing-in person's own), and anymail's webhooks for the email provider.
NOT_READER_PAGES = ("admin/", "accounts/", "newsletter/webhooks/")


def walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def reader_patterns():
    return [
        (route, pattern)
        for route, pattern in walk(get_resolver().url_patterns)
        if not route.lstrip("^").startswith(NOT_READER_PAGES)
    ]


def test_every_reader_url_is_either_page_cached_or_left_out_on_purpose():
    undeclared = [
        f"{route} ({pattern.name})"
        for route, pattern in reader_patterns()
        if page_cache_declaration(pattern.callback) is None
    ]
    assert reader_patterns(), "no URL patterns found"
    assert undeclared == [], "declare @page_cached or @never_page_cached on: " + ", ".join(
        undeclared
    )


def test_the_pages_readers_arrive_on_are_cached():
    declared = {
        pattern.name: page_cache_declaration(pattern.callback) for _, pattern in reader_patterns()
    }
    for name in [
        "home",
        "article-detail",
        "section-detail",
        "tag-detail",
        "source-detail",
        "author-detail",
        "archive",
        "archive-year",
        "archive-month",
        "archive-day",
        "feed-latest",
        "feed-section-atom",
        "sitemap",
        "sitemap-news",
        "sitemap-section",
        "digest-detail",
        "terms",
        "guidelines",
    ]:
        assert declared[name] is True, name
    assert declared["search"] is False
    assert declared["article-preview"] is False


def test_marking_a_packages_view_does_not_mark_the_package_function_itself():
    from django.contrib.sitemaps import views as sitemap_views

    assert page_cache_declaration(sitemap_views.sitemap) is None
