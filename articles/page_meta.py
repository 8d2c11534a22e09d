"""What every reader page tells search engines and link previews: canonical URL, OpenGraph and
Twitter card (printed by templates/includes/_social_meta.html)."""

from django.utils.http import urlencode

SHARE_IMAGE_WIDTH = 1200


def share_image(image, absolute):
    """The picture link previews show (OpenGraph, Twitter), with the size it really has."""
    if not image or not image.width:
        return None
    width = min(image.width, SHARE_IMAGE_WIDTH)
    return {
        "url": absolute(image.jpeg_1200.url),
        "width": width,
        "height": round(image.height * width / image.width),
        "alt": image.alt_text,
    }


def page_meta(request, *, title, description, kind="website", image=None, **extra):
    """What templates/includes/_social_meta.html prints: canonical URL, OpenGraph, Twitter card.

    The canonical URL is the page's own path, with ?page= for later pages of a list and ?q= on
    search, and nothing else, so tracking parameters never make a second copy of a page.
    """
    keep = {
        name: request.GET[name]
        for name in ("page", "q")
        if request.GET.get(name) and request.GET[name] != "1"
    }
    path = request.path + (f"?{urlencode(keep)}" if keep else "")
    return {
        "canonical": request.build_absolute_uri(path),
        "title": title,
        "description": description,
        "kind": kind,
        "image": image,
        **extra,
    }


class PageMetaMixin:
    """Adds ``page_meta`` to the finished context; views say what the page is by get_page_meta()."""

    def get_page_meta(self, context):
        raise NotImplementedError

    def render_to_response(self, context, **response_kwargs):
        context["page_meta"] = self.get_page_meta(context)
        return super().render_to_response(context, **response_kwargs)
