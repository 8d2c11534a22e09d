"""The reader of a request as the discussion sees them, without touching a session that isn't
there: reading ``request.user`` marks the session as used, and the page cache
(newsportal.pagecache) never stores such a page."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

# What a reader wrote in a post that failed (comments.views.post_comment), shown again under
# the story so nothing is lost: {"article": pk, "parent": pk or None, "body": text}.
DRAFT_SESSION_KEY = "comments:draft"


def is_signed_in(request):
    """Whether a reader is signed in; a visitor without a session cookie cannot be, so their
    page stays cacheable."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


def reader_of(request):
    """The signed-in user, or an anonymous one (without loading a session that isn't there)."""
    return request.user if is_signed_in(request) else AnonymousUser()


def pop_draft(request, article_id):
    """The reader's saved draft for this story, taken out of the session; None if there is none.

    A draft for another story stays where it is. Call it for signed-in readers only.
    """
    saved = request.session.get(DRAFT_SESSION_KEY)
    if saved and saved.get("article") == article_id:
        return request.session.pop(DRAFT_SESSION_KEY)
    return None
