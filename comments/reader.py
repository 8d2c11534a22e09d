"""The reader of a request as the discussion sees them, without touching a session that isn't
there: reading ``request.user`` marks the session as used, and the page cache
(newsportal.pagecache) never stores such a page."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

# What a reader wrote in a post that failed (comments.views.post_comment), shown again under
# the story so nothing is lost: {"article": pk, "parent": pk or None, "body": text}.
DRAFT_SESSION_KEY = "comments:draft"
# A draft may be far longer than a comment (COMMENTS_MAX_LENGTH): a reader who pasted too much
# gets all of it back to cut down. The cap only keeps a bot's megabyte posts out of the
# session, which is loaded on every request this reader makes.
DRAFT_MAX_LENGTH = 100_000


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


def keep_draft(request, *, article_id, parent_id, body):
    """Keep what the reader wrote in a post that failed, to show it again under the story, and
    return what the reader should be told about the kept text ("" when it is kept whole).

    NUL characters are dropped: the form refuses them (the database cannot store them), so the
    text comes back without them, ready to send again. Beyond DRAFT_MAX_LENGTH it is cut.
    """
    notes = []
    if "\x00" in body:
        body = body.replace("\x00", "")
        notes.append(
            "We removed the null characters from your text; please check it and send it again."
        )
    if len(body) > DRAFT_MAX_LENGTH:
        body = body[:DRAFT_MAX_LENGTH]
        notes.append(f"Only the first {DRAFT_MAX_LENGTH:,} characters of your text were kept.")
    if body.strip():
        request.session[DRAFT_SESSION_KEY] = {
            "article": article_id,
            "parent": parent_id,
            "body": body,
        }
    return " ".join(notes)
