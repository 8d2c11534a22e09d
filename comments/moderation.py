"""The rules that decide what happens to a new comment before a moderator sees it."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import Comment, Discussion, WordRule
from .text import find_phrases

WORD_RULES_CACHE_KEY = "comments:word-rules"


def word_rules():
    """{"banned": [...], "suspect": [...]} of folded phrases, cached until the lists change."""
    rules = cache.get(WORD_RULES_CACHE_KEY)
    if rules is None:
        rules = {WordRule.Kind.BANNED: [], WordRule.Kind.SUSPECT: []}
        for kind, folded in WordRule.objects.values_list("kind", "folded"):
            rules[kind].append(folded)
        cache.set(WORD_RULES_CACHE_KEY, rules, 3600)
    return rules


def forget_word_rules(**kwargs):
    cache.delete(WORD_RULES_CACHE_KEY)


def is_trusted(commenter, now=None):
    """Trusted: at least COMMENTS_TRUSTED_MIN_APPROVED approved comments and no rejection (or
    spam) in the last COMMENTS_TRUSTED_CLEAN_DAYS days."""
    now = now or timezone.now()
    if commenter.approved_count < settings.COMMENTS_TRUSTED_MIN_APPROVED:
        return False
    clean_since = now - timedelta(days=settings.COMMENTS_TRUSTED_CLEAN_DAYS)
    return commenter.last_rejected_at is None or commenter.last_rejected_at < clean_since


@dataclass
class Verdict:
    status: str
    held_reasons: list = field(default_factory=list)
    banned_words: list = field(default_factory=list)


def assess(*, body, commenter, article):
    """What a new comment's status is, and why it is held if it is."""
    rules = word_rules()
    banned = find_phrases(body, rules[WordRule.Kind.BANNED])
    if banned:
        return Verdict(Comment.Status.REJECTED, banned_words=banned)
    reasons = [f"suspect word: {word}" for word in find_phrases(body, rules[WordRule.Kind.SUSPECT])]
    if Discussion.of(article).mode == Discussion.Mode.PREMODERATED:
        reasons.append("pre-moderated story")
    if not is_trusted(commenter):
        reasons.append("new user" if commenter.approved_count == 0 else "pre-moderation")
    if reasons:
        return Verdict(Comment.Status.PENDING, held_reasons=reasons)
    return Verdict(Comment.Status.APPROVED)
