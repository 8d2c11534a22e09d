from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path
from django.views.decorators.cache import cache_page

from . import feeds, views
from .sitemaps import SITEMAPS, GoogleNewsSitemap

SITEMAP_CACHE_SECONDS = 15 * 60
feed_cache = cache_page(2 * 60)

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
    # Archives by publication date.
    path("archive/", views.ArchiveView.as_view(), name="archive"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.YearArchive.as_view(), name="archive-year"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        views.MonthArchive.as_view(),
        name="archive-month",
    ),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views.DayArchive.as_view(),
        name="archive-day",
    ),
    # Feeds: RSS 2.0 at feed/, Atom at feed/atom/; feed readers poll, so answers are cached briefly.
    path("feed/", feed_cache(feeds.LatestStoriesFeed()), name="feed-latest"),
    path("feed/atom/", feed_cache(feeds.LatestStoriesAtomFeed()), name="feed-latest-atom"),
    path(
        "section/<slug:slug>/feed/",
        feed_cache(feeds.SectionStoriesFeed()),
        name="feed-section",
    ),
    path(
        "section/<slug:slug>/feed/atom/",
        feed_cache(feeds.SectionStoriesAtomFeed()),
        name="feed-section-atom",
    ),
    path("tag/<slug:slug>/feed/", feed_cache(feeds.TagStoriesFeed()), name="feed-tag"),
    path(
        "tag/<slug:slug>/feed/atom/",
        feed_cache(feeds.TagStoriesAtomFeed()),
        name="feed-tag-atom",
    ),
    # Sitemaps for search engines and Google News, and the robots.txt that names them.
    path(
        "sitemap.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap-section"},
        name="sitemap",
    ),
    # Before sitemap-<section>.xml, which would otherwise take "news" for a section.
    path(
        "sitemap-news.xml",
        cache_page(5 * 60)(sitemap_views.sitemap),
        {
            "sitemaps": {"news": GoogleNewsSitemap},
            "template_name": "articles/sitemap_news.xml",
        },
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.RobotsTxtView.as_view(), name="robots-txt"),
]
