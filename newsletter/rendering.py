"""The digest email as readers get it: rendered once per digest, then one message per reader
with their own unsubscribe link, and the site's absolute URLs these need."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from articles.embeds import embeds_of

from . import tokens
from .models import Digest, Subscriber

UNSUBSCRIBE_PLACEHOLDER = "NEWSLETTER-UNSUBSCRIBE-URL"


def absolute_url(path: str, base_url: str | None = None) -> str:
    """``path`` on the site; a URL that is absolute already (media on S3) is left as it is."""
    if not path.startswith("/") or path.startswith("//"):
        return path
    return (base_url or settings.SITE_URL).rstrip("/") + path


@dataclass
class RenderedDigest:
    subject: str
    text: str
    html: str


def render_digest(digest: Digest, *, base_url: str | None = None) -> RenderedDigest:
    """The digest's text and HTML, rendered once; each message then only swaps in its own
    unsubscribe link."""
    items = list(
        digest.items.select_related("article__hero_image", "article__section")
        .prefetch_related("article__embeds")
        .order_by("order", "pk")
    )
    stories = []
    for item in items:
        article = item.article
        hero = None
        if article.hero_image_id:
            try:
                hero = absolute_url(article.hero_image.jpeg_800.url, base_url)
            except (OSError, ValueError):
                hero = None
        stories.append(
            {
                "article": article,
                "url": absolute_url(article.get_absolute_url(), base_url),
                "hero_url": hero,
                "hero_alt": article.hero_image.alt_text if article.hero_image_id else "",
                "embeds": embeds_of(article.embeds.all()),  # links, never players
            }
        )
    context = {
        "digest": digest,
        "stories": stories,
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "SITE_PUBLISHER": settings.SITE_PUBLISHER,
        "site_url": absolute_url("/", base_url),
        "archive_url": absolute_url(digest.get_absolute_url(), base_url),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
    }
    return RenderedDigest(
        subject=digest.subject,
        text=render_to_string("newsletter/email/digest.txt", context),
        html=render_to_string("newsletter/email/digest.html", context),
    )


def digest_message(
    rendered: RenderedDigest,
    *,
    to: str,
    unsubscribe_url: str,
    message_id: str | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """One digest email with the RFC 8058 one-click unsubscribe headers."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url),
        to=[to],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{settings.SITE_NAME} daily digest <digest.{settings.NEWSLETTER_LIST_DOMAIN}>",
            **({"Message-ID": message_id} if message_id else {}),
        },
    )
    message.attach_alternative(
        rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url), "text/html"
    )
    return message


def unsubscribe_url_for(subscriber: Subscriber, base_url: str | None = None) -> str:
    return absolute_url(
        reverse(
            "newsletter:unsubscribe", kwargs={"token": tokens.make_unsubscribe_token(subscriber)}
        ),
        base_url,
    )
