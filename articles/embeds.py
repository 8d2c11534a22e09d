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

from .embed_providers import (  # noqa: F401 - the names this module has always given
    FRAME_HOSTS,
    FRAME_SANDBOX,
    PROVIDER_CHOICES,
    PROVIDERS,
    Provider,
)

MAX_URL_LENGTH = 500


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
    def title(self) -> str:
        """What it is, for the iframe's title and for feeds: "Video on YouTube"."""
        return f"{'Video' if self.is_video else 'Post'} on {self.label}"

    @property
    def button_label(self) -> str:
        return "Play video" if self.is_video else "Show post"

    @property
    def sandbox(self) -> str:
        return FRAME_SANDBOX

    @property
    def features(self) -> str:
        return self.info.features

    @property
    def url(self) -> str:
        """The item's address at the provider: what feeds, the digest and readers without
        JavaScript get as a link."""
        return _CANONICAL[self.provider](*self.id.split("/"))

    @property
    def player_url(self) -> str:
        """The iframe's address, on the provider's ``frame_host``, in its most private form."""
        return _PLAYER[self.provider](*self.id.split("/"))

    @classmethod
    def stored(cls, provider: str, id: str) -> "Embed | None":
        """The embed a row names, checked again: only a provider and id that ``parse_embed``
        would have given (a row written past ``save()`` gets no player address built from it)."""
        if provider not in PROVIDERS or not id:
            return None
        embed = cls(provider, id)
        try:
            return embed if parse_embed(embed.url) == embed else None
        except (TypeError, IndexError):  # an id with the wrong number of parts
            return None


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_DIGITS = re.compile(r"[0-9]{1,25}")
_VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")  # an unlisted video's key
_X_USER = re.compile(r"[A-Za-z0-9_]{1,15}")
_INSTAGRAM_USER = re.compile(r"[A-Za-z0-9._]{1,30}")
_INSTAGRAM_CODE = re.compile(r"[A-Za-z0-9_-]{5,40}")
_FACEBOOK_PAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,79}")
_FACEBOOK_PFBID = re.compile(r"pfbid[A-Za-z0-9]{10,80}")
# Bluesky's player (embed.bsky.app/embed/<did>/app.bsky.feed.post/<rkey>) takes the account's
# DID, its permanent name; a handle (name.bsky.social) would have to be looked up at Bluesky first,
# and can pass to another account later. Posts addressed by handle stay links.
_BLUESKY_DID = re.compile(r"did:plc:[a-z2-7]{24}|did:web:[a-z0-9](?:[a-z0-9.\-]{0,251}[a-z0-9])?")
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
        if len(parts) != 2 or parts[0] != "video":
            return None
        parts = [parts[1], *query.get("h", [])[:1]]
    if not 1 <= len(parts) <= 2 or not _full(_DIGITS, parts[0]):
        return None
    if len(parts) == 2 and not _full(_VIMEO_HASH, parts[1]):
        return None
    return "/".join(parts)


def _x(host, parts, query):
    if len(parts) == 3 and parts[1] == "status" and _full(_X_USER, parts[0]):
        return f"{parts[0]}/{parts[2]}" if _full(_DIGITS, parts[2]) else None
    return None


def _instagram(host, parts, query):
    if len(parts) == 3 and _full(_INSTAGRAM_USER, parts[0]):
        parts = parts[1:]  # instagram.com/<user>/p/<code>/, as the app now shares them
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
    shape = len(parts) == 4 and parts[0] == "profile" and parts[2] == "post"
    if shape and _full(_BLUESKY_DID, parts[1]) and _full(_BLUESKY_RKEY, parts[3]):
        return f"{parts[1]}/{parts[3]}"
    return None


# host -> (provider, parser of the path's parts and the query)
_HOSTS = {
    "youtube.com": ("youtube", _youtube),
    "www.youtube.com": ("youtube", _youtube),
    "m.youtube.com": ("youtube", _youtube),
    "youtu.be": ("youtube", _youtube),
    "youtube-nocookie.com": ("youtube", _youtube),
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

# Builders of the canonical address and of the player's, from the id's "/"-separated parts.
_CANONICAL = {
    "youtube": lambda video: f"https://www.youtube.com/watch?v={video}",
    "vimeo": lambda video, key="": f"https://vimeo.com/{video}" + (f"/{key}" if key else ""),
    "x": lambda user, status: f"https://x.com/{user}/status/{status}",
    "instagram": lambda kind, code: f"https://www.instagram.com/{kind}/{code}/",
    "facebook": lambda page, kind, item: f"https://www.facebook.com/{page}/{kind}/{item}",
    "bluesky": lambda did, rkey: f"https://bsky.app/profile/{did}/post/{rkey}",
}
_PLAYER = {
    # The reader pressed "Play video": the player starts at once (the iframe allows autoplay).
    "youtube": lambda video: f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1",
    "vimeo": lambda video, key="": (
        f"https://player.vimeo.com/video/{video}?"
        + (f"h={key}&" if key else "")
        + "dnt=1&autoplay=1"
    ),
    "x": lambda user, status: f"https://platform.twitter.com/embed/Tweet.html?id={status}&dnt=true",
    "instagram": lambda kind, code: f"https://www.instagram.com/{kind}/{code}/embed/",
    "facebook": lambda page, kind, item: (
        f"https://www.facebook.com/plugins/{'video' if kind == 'videos' else 'post'}.php?href="
        + quote(_CANONICAL["facebook"](page, kind, item), safe="")
    ),
    "bluesky": lambda did, rkey: f"https://embed.bsky.app/embed/{did}/app.bsky.feed.post/{rkey}",
}


def parse_embed(url: str) -> Embed | None:
    """The embed an address names, or None when it is not one we recognise."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    # An address as browsers copy it is printable ASCII (the rest percent-encoded); anything else
    # (controls, NUL, spaces, look-alike letters, right-to-left marks) is not one to trust.
    if not url or len(url) > MAX_URL_LENGTH or any(not 33 <= ord(char) <= 126 for char in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or parts.username or parts.password:
        return None
    if port not in (None, 80, 443) or "@" in parts.netloc or "\\" in url:
        return None
    host = (parts.hostname or "").rstrip(".")
    known = _HOSTS.get(host)
    if known is None:
        return None
    provider, parser = known
    path = [part for part in parts.path.split("/") if part]
    item = parser(host, path, parse_qs(parts.query))
    return Embed(provider, item) if item else None


def _bluesky_handle_post(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    path = [part for part in parts.path.split("/") if part]
    return (
        (parts.hostname or "") == "bsky.app" and len(path) == 4 and path[::2] == ["profile", "post"]
    )


def validate_embed_url(url: str) -> None:
    if not url or parse_embed(url) is not None:
        return
    if _bluesky_handle_post(url):
        raise ValidationError(
            "Bluesky posts can be embedded by their permanent address only, the one with the "
            "account's DID (https://bsky.app/profile/did:plc:…/post/…): copy it from the post's "
            "“Embed post” code. An address with a handle can be linked in the text instead.",
            code="embed_bluesky_handle",
        )
    labels = ", ".join(provider.label for provider in PROVIDERS.values())
    raise ValidationError(
        "This address is not a video or post we can embed. Paste the address of a video on "
        "YouTube or Vimeo, or of a post on %(providers)s, as it shows in the browser.",
        code="embed",
        params={"providers": labels},
    )


def embeds_of(rows) -> list[Embed]:
    """The embeds of rows with an ``embed`` (rows whose address names none left out)."""
    return [embed for row in rows if (embed := row.embed) is not None]


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
        return Embed.stored(self.embed_provider, self.embed_id)

    def read_embed(self) -> None:
        """Set the provider and id from the address (cleared when it names no embed)."""
        embed = parse_embed(self.embed_url)
        self.embed_provider, self.embed_id = (embed.provider, embed.id) if embed else ("", "")
