"""The live coverage part of a story's page (templates/articles/article_detail.html).

A story with a LiveCoverage row is its own live page. articles may not import live (live builds
on articles: tests/test_architecture.py forbids the cycle), so the story's template loads these
tags instead: its view stays the same, and a story without coverage costs nothing (the coverage
row comes with the story: Article.objects.for_cards() selects "live_coverage").
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from ..pages import LivePage
from ..structured_data import live_blog_posting
from ..text import headline

register = template.Library()


def _live_page(context, article) -> LivePage | None:
    """The page of updates the request asks for, built once per render (the head and the body
    both show it); raises Http404 for a page of updates that does not exist."""
    coverage = getattr(article, "live_coverage", None)
    if coverage is None:
        return None
    memo = context.render_context
    key = ("live_page", article.pk)
    if key not in memo:
        memo[key] = LivePage.build(
            coverage, context["request"].GET, base_url=article.get_absolute_url()
        )
    return memo[key]


@register.simple_tag(takes_context=True)
def live_coverage_head(context, article):
    """Feed links, LiveBlogPosting JSON-LD and, while the coverage runs, its script."""
    live_page = _live_page(context, article)
    if live_page is None:
        return ""
    request = context["request"]
    return render_to_string(
        "live/_head.html",
        {
            "article": article,
            "coverage": live_page.coverage,
            "structured_data": live_blog_posting(live_page, article, request.build_absolute_uri),
        },
    )


@register.simple_tag(takes_context=True)
def live_coverage_section(context, article):
    """The key events, the pinned update and a page of updates, with links to the others."""
    live_page = _live_page(context, article)
    if live_page is None:
        return ""
    return render_to_string(
        "live/_coverage.html",
        {
            "article": article,
            "coverage": live_page.coverage,
            "live": live_page,
            "updates_url": reverse("live:updates", args=[article.pk]),
            "poll_seconds": settings.LIVE_POLL_SECONDS,
        },
    )


@register.filter
def update_headline(entry):
    """An update's title, or the start of its text (for the key events list)."""
    return headline(entry)
