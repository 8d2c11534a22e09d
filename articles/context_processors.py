from django.conf import settings

from .models import Article, Section


def site_chrome(request):
    """Branding and the section menu, shared by every page's header and footer.

    Both are lazy querysets: one query each, run only by pages that render them.
    """
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_sections": Section.objects.only("name", "slug"),
        # Live breaking stories, newest first; the banner disappears when none is live.
        "breaking_stories": Article.objects.breaking().only("headline", "slug")[:1],
    }
