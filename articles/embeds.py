"""Embedded media: a video or a social post an editor pastes by its address.

Only the providers and URL shapes below are recognised; the site stores the provider and the
item's id, never the provider's HTML, and builds the player's address itself. Any other address
(a lookalike host, ``javascript:``, a URL with credentials or an odd port) is not an embed: it is
shown as a plain link where it was pasted, or refused by the form that asked for an embed.

Readers get a facade (``templates/includes/_embed.html``): the provider, the address and a button;
nothing is loaded from the provider until the reader asks (static/js/embeds.js), and the
Content-Security-Policy's ``frame-src`` allows only ``FRAME_HOSTS``.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.core.exceptions import ValidationError
from django.db import models

MAX_URL_LENGTH = 500


@dataclass(frozen=True)
class Provider:
    name: str  # stored in the database
    label: str  # shown to readers: "YouTube"
    kind: str  # "video" or "post": the facade's button says "Play video" or "Show post"
    frame_host: str  # the only host its player is loaded from (CSP frame-src)


PROVIDERS = {
    provider.name: provider
    for provider in (
        Provider("youtube", "YouTube", "video", "www.youtube-nocookie.com"),
        Provider("vimeo", "Vimeo", "video", "player.vimeo.com"),
        Provider("x", "X", "post", "platform.twitter.com"),
        Provider("instagram", "Instagram", "post", "www.instagram.com"),
        Provider("facebook", "Facebook", "post", "www.facebook.com"),
        Provider("bluesky", "Bluesky", "post", "embed.bsky.app"),
    )
}
PROVIDER_CHOICES = [(provider.name, provider.label) for provider in PROVIDERS.values()]
FRAME_HOSTS = sorted({f"https://{provider.frame_host}" for provider in PROVIDERS.values()})


@dataclass(frozen=True)
class Embed:
    provider: str
    id: str

    @property
    def info(self) -> Provider:
        return PROVIDERS[self.provider]

    @property
    def label(self) -> str:
        return self.info.label

    @property
    def is_video(self) -> bool:
        return self.info.kind == "video"

    @property
    def url(self) -> str:
        """The item's address at the provider: what feeds, the digest and readers without
        JavaScript get as a link."""
        return _CANONICAL[self.provider](self.id)

    @property
    def player_url(self) -> str:
        """The iframe's address, on the provider's ``frame_host``, in its most private form."""
        return _PLAYER[self.provider](self.id)


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_DIGITS = re.compile(r"[0-9]{1,25}")
_X_USER = re.compile(r"[A-Za-z0-9_]{1,15}")
_INSTAGRAM_CODE = re.compile(r"[A-Za-z0-9_-]{5,40}")
_FACEBOOK_PAGE = re.compile(r"[A-Za-z0-9.\-]{1,80}")
_FACEBOOK_PFBID = re.compile(r"pfbid[A-Za-z0-9]{10,80}")
_BLUESKY_ACTOR = re.compile(r"did:plc:[a-z2-7]{24}|did:web:[a-z0-9.\-]{1,200}|[a-z0-9.\-]{3,253}")
_BLUESKY_RKEY = re.compile(r"[a-z2-7]{13}")


def _full(pattern, value) -> bool:
    return bool(value) and pattern.fullmatch(value) is not None


def _youtube(host, parts, query):
    if host == "youtu.be" and len(parts) == 1:
        candidate = parts[0]
    elif parts == ["watch"]:
        candidate = (query.get("v") or [""])[0]
    elif len(parts) == 2 and parts[0] in {"shorts", "embed", "live", "v"}:
        candidate = parts[1]
    else:
        return None
    return candidate if _full(_YOUTUBE_ID, candidate) else None


def _vimeo(host, parts, query):
    if host == "player.vimeo.com":
        parts = parts[1:] if parts[:1] == ["video"] else []
    return parts[0] if len(parts) == 1 and _full(_DIGITS, parts[0]) else None


def _x(host, parts, query):
    if len(parts) == 3 and parts[1] == "status" and _full(_X_USER, parts[0]):
        return f"{parts[0]}/{parts[2]}" if _full(_DIGITS, parts[2]) else None
    return None


def _instagram(host, parts, query):
    if len(parts) == 2 and parts[0] in {"p", "reel", "tv"} and _full(_INSTAGRAM_CODE, parts[1]):
        return f"{'reel' if parts[0] == 'reel' else 'p'}/{parts[1]}"
    return None


def _facebook(host, parts, query):
    if len(parts) != 3 or parts[1] not in {"posts", "videos"}:
        return None
    page_and_item = _full(_FACEBOOK_PAGE, parts[0]) and (
        _full(_DIGITS, parts[2]) or _full(_FACEBOOK_PFBID, parts[2])
    )
    return "/".join(parts) if page_and_item else None


def _bluesky(host, parts, query):
    if len(parts) == 4 and parts[0] == "profile" and parts[2] == "post":
        actor, rkey = parts[1].lower(), parts[3]
        if _full(_BLUESKY_ACTOR, actor) and _full(_BLUESKY_RKEY, rkey):
            return f"{actor}/{rkey}"
    return None


# host -> (provider, parser of the path's parts and the query)
_HOSTS = {
    "youtube.com": ("youtube", _youtube),
    "www.youtube.com": ("youtube", _youtube),
    "m.youtube.com": ("youtube", _youtube),
    "youtu.be": ("youtube", _youtube),
    "www.youtube-nocookie.com": ("youtube", _youtube),
    "vimeo.com": ("vimeo", _vimeo),
    "www.vimeo.com": ("vimeo", _vimeo),
    "player.vimeo.com": ("vimeo", _vimeo),
    "x.com": ("x", _x),
    "www.x.com": ("x", _x),
    "twitter.com": ("x", _x),
    "www.twitter.com": ("x", _x),
    "mobile.twitter.com": ("x", _x),
    "instagram.com": ("instagram", _instagram),
    "www.instagram.com": ("instagram", _instagram),
    "facebook.com": ("facebook", _facebook),
    "www.facebook.com": ("facebook", _facebook),
    "m.facebook.com": ("facebook", _facebook),
    "bsky.app": ("bluesky", _bluesky),
}

_CANONICAL = {
    "youtube": lambda id: f"https://www.youtube.com/watch?v={id}",
    "vimeo": lambda id: f"https://vimeo.com/{id}",
    "x": lambda id: "https://x.com/{}/status/{}".format(*id.split("/")),
    "instagram": lambda id: f"https://www.instagram.com/{id}/",
    "facebook": lambda id: f"https://www.facebook.com/{id}",
    "bluesky": lambda id: "https://bsky.app/profile/{}/post/{}".format(*id.split("/")),
}
_PLAYER = {
    "youtube": lambda id: f"https://www.youtube-nocookie.com/embed/{id}",
    "vimeo": lambda id: f"https://player.vimeo.com/video/{id}?dnt=1",
    "x": lambda id: f"https://platform.twitter.com/embed/Tweet.html?id={id.split('/')[1]}&dnt=true",
    "instagram": lambda id: f"https://www.instagram.com/{id}/embed/",
    "facebook": lambda id: (
        "https://www.facebook.com/plugins/post.php?href="
        + quote(_CANONICAL["facebook"](id), safe="")
    ),
    "bluesky": lambda id: "https://embed.bsky.app/embed/{}/app.bsky.feed.post/{}".format(
        *id.split("/")
    ),
}


def parse_embed(url: str) -> Embed | None:
    """The embed an address names, or None when it is not one we recognise."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or len(url) > MAX_URL_LENGTH or any(ord(char) < 33 for char in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or parts.username or parts.password:
        return None
    if port not in (None, 80, 443):
        return None
    host = (parts.hostname or "").rstrip(".")
    known = _HOSTS.get(host)
    if known is None:
        return None
    provider, parser = known
    path = [part for part in parts.path.split("/") if part]
    item = parser(host, path, parse_qs(parts.query))
    return Embed(provider, item) if item else None


def validate_embed_url(url: str) -> None:
    if url and parse_embed(url) is None:
        labels = ", ".join(provider.label for provider in PROVIDERS.values())
        raise ValidationError(
            "This address is not a video or post we can embed. Paste the address of a video on "
            "YouTube or Vimeo, or of a post on %(providers)s, as it shows in the browser.",
            code="embed",
            params={"providers": labels},
        )


class EmbeddedMedia(models.Model):
    """An optional embed on a row: the pasted address, and the provider and id read from it."""

    embed_url = models.URLField(
        "video or post to embed",
        max_length=MAX_URL_LENGTH,
        blank=True,
        validators=[validate_embed_url],
        help_text="The address of a YouTube or Vimeo video, or of a post on X, Instagram, "
        "Facebook or Bluesky. Readers see it only when they choose to load it.",
    )
    embed_provider = models.CharField(
        "embed provider", max_length=20, choices=PROVIDER_CHOICES, blank=True, editable=False
    )
    embed_id = models.CharField("embed id", max_length=300, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.read_embed()
        if kwargs.get("update_fields") is not None and "embed_url" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "embed_provider", "embed_id"}
        super().save(*args, **kwargs)

    @property
    def embed(self) -> Embed | None:
        if self.embed_provider in PROVIDERS and self.embed_id:
            return Embed(self.embed_provider, self.embed_id)
        return None

    def read_embed(self) -> None:
        """Set the provider and id from the address (cleared when it names no embed)."""
        embed = parse_embed(self.embed_url)
        self.embed_provider, self.embed_id = (embed.provider, embed.id) if embed else ("", "")
