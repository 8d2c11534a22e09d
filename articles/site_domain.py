"""The Site that feeds and sitemaps build their absolute links from (django.contrib.sites).

Django creates it as "example.com"; after each migrate that placeholder becomes the host of
SITE_URL and the name SITE_NAME, so a fresh deployment links to itself. A domain an
administrator has set is never touched.
"""

from urllib.parse import urlsplit

from django.conf import settings

PLACEHOLDER_DOMAIN = "example.com"


def replace_placeholder_site(sender=None, using="default", apps=None, **kwargs):
    if apps is None:
        from django.apps import apps
    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:
        return
    domain = urlsplit(settings.SITE_URL).netloc
    site = Site.objects.using(using).filter(pk=settings.SITE_ID).first()
    if domain and site and site.domain == PLACEHOLDER_DOMAIN:
        site.domain, site.name = domain, settings.SITE_NAME[:50]
        site.save(using=using, update_fields=["domain", "name"])
