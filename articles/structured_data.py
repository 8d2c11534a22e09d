"""schema.org data for search engines and aggregators: NewsArticle and BreadcrumbList as JSON-LD."""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

# Escaped so that no string in the data can close the <script> element it is printed in.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def to_script_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _image_object(image, absolute):
    return {
        "@type": "ImageObject",
        "url": absolute(image.jpeg_1200.url),
        "width": min(image.width or 1200, 1200),
        "height": round((image.height or 0) * min(1, 1200 / image.width)) if image.width else None,
        "caption": image.caption,
        "creditText": image.credit,
    }


def article_structured_data(article, absolute):
    """The NewsArticle and BreadcrumbList of a story; ``absolute`` turns a path into a full URL."""
    url = absolute(article.get_absolute_url())
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_PUBLISHER,
        "url": absolute(reverse("articles:home")),
        "logo": {"@type": "ImageObject", "url": absolute(static(settings.SITE_LOGO))},
    }
    images = [article.hero_image] if article.hero_image else []
    images += [item.image for item in article.gallery_items.all()]
    authors = [
        {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
        for author in article.authors.all()
    ]
    if not authors and article.source:
        authors = [
            {
                "@type": "Organization",
                "name": article.source.name,
                "url": article.source.url or None,
            }
        ]
    news_article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        # Google no longer limits this (the 110 characters of articles.models.Article's
        # social_headline were its old limit) but advises a concise title.
        "headline": article.search_and_social_headline,
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat(),
        "dateModified": max(article.updated_at, article.published_at).isoformat(),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "image": [_image_object(image, absolute) for image in images],
        "author": authors or [publisher],
        "publisher": publisher,
        "inLanguage": "en",
    }
    if article.source:
        news_article["sourceOrganization"] = {"@type": "Organization", "name": article.source.name}
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": 1,
                "name": "Home",
                "item": absolute(reverse("articles:home")),
            },
            {
                "@type": "ListItem",
                "position": 2,
                "name": article.section.name,
                "item": absolute(article.section.get_absolute_url()),
            },
            {"@type": "ListItem", "position": 3, "name": article.headline, "item": url},
        ],
    }
    return [_without_empty(news_article), breadcrumbs]


def _without_empty(value):
    if isinstance(value, dict):
        return {k: _without_empty(v) for k, v in value.items() if v not in (None, "", [])}
    if isinstance(value, list):
        return [_without_empty(v) for v in value]
    return value
