"""Rendering helpers for comments. They run no query: views hand over what they show."""

from django import template

from articles.models import Article
from comments.fragments import fill
from comments.reader import is_signed_in
from comments.services import new_submission_token
from comments.text import render_comment

register = template.Library()


@register.filter
def signed_in(request):
    """Whether the reader is signed in, without touching the session of a visitor who has none."""
    return is_signed_in(request)


@register.inclusion_tag("comments/_discussion_block.html")
def discussion_block(discussion):
    """The discussion under a story, as comments.selectors.discussion_for built it."""
    return discussion.as_template_context()


@register.simple_tag(takes_context=True)
def reader_comment_list(context):
    """The story's shared list of comments (comments/fragments.py) with this reader's report and
    reply forms in it, from the discussion block's context."""
    return fill(context["comment_list"], context)


@register.filter
def comment_count(article):
    """The story's approved comments, when its list fetched the discussion with it
    (``Article.objects.for_cards()`` does); 0 otherwise, never a query per card."""
    discussion = Article.discussion.related.get_cached_value(article, default=None)
    return discussion.comment_count if discussion is not None else 0


@register.simple_tag
def submission_token():
    """A fresh token for one form: the same form posted twice stores one comment."""
    return new_submission_token()


@register.filter
def comment_html(text):
    """Plain comment text as safe HTML (escaped; links rel="nofollow ugc")."""
    return render_comment(text)
