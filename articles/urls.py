from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from newsportal.pagecache import page_cached

from . import archive_views, corrections, feeds, views
from .cache_keys import LATEST
from .sitemaps import SITEMAPS, GoogleNewsSitemap

# Feeds and sitemaps are cached like every other reader page, by the anonymous page cache
# (newsportal.pagecache): a published story reaches feed readers, search engines and Google News
# on the next request, and no longer-lived copy is kept anywhere.
sitemap_index = page_cached(sitemap_views.index, keys=(LATEST,))
sitemap = page_cached(sitemap_views.sitemap, keys=(LATEST,))

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/<int:pk>/", views.ArticleDetailView.as_view(), name="article-short"),
    path("newsroom/preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="article-preview"),
    path("news/<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("section/<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"),
    path("tag/<slug:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("source/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"),
    path("author/<slug:slug>/", views.AuthorDetailView.as_view(), name="author-detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", corrections.CorrectionsView.as_view(), name="corrections"),
    # Archives by publication date.
    path("archive/", archive_views.ArchiveView.as_view(), name="archive"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/$", archive_views.YearArchive.as_view(), name="archive-year"
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        archive_views.MonthArchive.as_view(),
        name="archive-month",
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        archive_views.DayArchive.as_view(),
        name="archive-day",
    ),
    # Feeds: RSS 2.0 at feed/, Atom at feed/atom/; cached by the page cache like other reader pages.
    path("feed/", feeds.LatestStoriesFeed(), name="feed-latest"),
    path("feed/atom/", feeds.LatestStoriesAtomFeed(), name="feed-latest-atom"),
    path(
        "section/<slug:slug>/feed/",
        feeds.SectionStoriesFeed(),
        name="feed-section",
    ),
    path(
        "section/<slug:slug>/feed/atom/",
        feeds.SectionStoriesAtomFeed(),
        name="feed-section-atom",
    ),
    path("tag/<slug:slug>/feed/", feeds.TagStoriesFeed(), name="feed-tag"),
    path(
        "tag/<slug:slug>/feed/atom/",
        feeds.TagStoriesAtomFeed(),
        name="feed-tag-atom",
    ),
    # Sitemaps for search engines and Google News, and the robots.txt that names them.
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap-section"},
        name="sitemap",
    ),
    # Before sitemap-<section>.xml, which would otherwise take "news" for a section.
    path(
        "sitemap-news.xml",
        sitemap,
        {
            "sitemaps": {"news": GoogleNewsSitemap},
            "template_name": "articles/sitemap_news.xml",
        },
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.RobotsTxtView.as_view(), name="robots-txt"),
]
