"""The providers whose videos and posts may be embedded, and how their players are framed.

A plain table with no Django models, so that the settings can build the Content-Security-Policy's
``frame-src`` from ``FRAME_HOSTS`` (articles/embeds.py reads addresses against it).
"""

from dataclasses import dataclass

# What every provider's player needs to run at all: its own scripts and storage on its own origin
# (it is never ours, so "allow-same-origin" gives it nothing of the site's), and links that open
# the item at the provider in a new tab. Never top navigation, forms, modals or downloads.
FRAME_SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"
# Players start on the reader's click (the player address asks for autoplay) and may go full
# screen or float; posts get no feature at all.
VIDEO_FEATURES = "autoplay; encrypted-media; fullscreen; picture-in-picture"


@dataclass(frozen=True)
class Provider:
    name: str  # stored in the database
    label: str  # shown to readers: "YouTube"
    kind: str  # "video" or "post": the facade's button says "Play video" or "Show post"
    frame_host: str  # the only host its player is loaded from (CSP frame-src)

    @property
    def features(self) -> str:
        """The iframe's ``allow`` attribute."""
        return VIDEO_FEATURES if self.kind == "video" else ""


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
