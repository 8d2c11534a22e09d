"""A small newsroom with one of everything, so each page with an object in its address is walked
with a real one: a published story with pictures, tags and comments, a draft, a subscriber, a
digest, the legal documents, and a reader, a moderator and a superuser."""

from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from taggit.models import Tag

from articles import front_page_editing
from articles.models import Article, Correction
from comments.models import Comment, ModerationAction, Report, WordRule
from live import services as live_services
from newsletter import tokens
from newsletter.models import Delivery, Digest, DigestStory, Subscriber, UnsubscribeEvent
from tests.comments.factories import CommentFactory, UserFactory, guidelines, moderator
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
)
from tests.legal.factories import first_legal_documents
from tests.newsletter.factories import SubscriberFactory


@dataclass
class Newsroom:
    reader: object
    superuser: object
    # Values for the parameters of URL patterns, by parameter name; patterns whose parameter is
    # not named here get every value of its converter's kind (see walker.candidates).
    values: dict[str, list[str]] = field(default_factory=dict)


def build_newsroom() -> Newsroom:
    first_legal_documents()
    guidelines("Be kind. Stay on topic.")
    section = SectionFactory(name="World", slug="world")
    author = AuthorFactory(name="Ayşe Yılmaz", slug="ayse-yilmaz")
    source = SourceFactory()
    story = ArticleFactory(
        headline="Ankara talks resume",
        section=section,
        source=source,
        authors=[author],
        tags=["diplomacy", "ankara"],
        gallery=[ImageFactory(), ImageFactory()],
    )
    draft = ArticleFactory(headline="Draft not yet out", status=Article.Status.DRAFT)
    Correction.objects.create(article=story, text="An earlier version misspelt a name.")
    # The story runs as live coverage: its live page, update endpoint, feeds and the desk.
    coverage = live_services.start_coverage(story)
    entry = live_services.post_entry(
        coverage=coverage,
        title="Rescue teams arrive",
        body="<p>First update.</p>",
        is_key_event=True,
    )
    live_services.post_entry(coverage=coverage, body="<p>Second update.</p>", is_pinned=True)

    reader = UserFactory(email="reader@example.org")
    editor = moderator()
    superuser = UserFactory(
        email="chief@example.org", is_staff=True, is_superuser=True, username="chief"
    )
    Group.objects.get_or_create(name="Editors")
    comment = CommentFactory(article=story, author=reader, body="A first, approved comment.")
    CommentFactory(article=story, parent=comment, body="A reply", status=Comment.Status.PENDING)
    Report.objects.create(comment=comment, reporter=editor, reason=Report.Reason.choices[0][0])
    WordRule.objects.create(phrase="istifa", kind=WordRule.Kind.choices[0][0])
    # The front page, arranged: the story leads (articles/front_page_editing.py).
    front_page_editing.place_story(
        front_page_editing.live_layout_for_editing(by=editor), position=0, article_id=story.pk
    )
    ModerationAction.objects.create(
        moderator=editor, action=ModerationAction.Action.choices[0][0], comment=comment
    )

    subscriber = SubscriberFactory(email="subscriber@example.org")
    pending = SubscriberFactory(
        email="pending@example.org", status=Subscriber.Status.PENDING, confirmed_at=None
    )
    UnsubscribeEvent.objects.create(subscriber=subscriber, method="link")
    digest = Digest.objects.create(
        edition=timezone.localdate() - timedelta(days=1),
        subject="Yesterday's news",
        status=Digest.Status.SENT,
    )
    DigestStory.objects.create(digest=digest, article=story)
    Delivery.objects.create(digest=digest, subscriber=subscriber, status="sent")
    DBTaskResult.objects.create(
        task_path="newsletter.tasks.send_digest_chain",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
    )

    address = EmailAddress.objects.get(user=reader)
    tag = Tag.objects.get(slug="ankara")
    history_ids = [str(row.history_id) for row in story.history.all()[:1]]
    pks = [story.pk, draft.pk, comment.pk, section.pk, subscriber.pk, digest.pk, reader.pk]
    day = timezone.localtime(story.published_at)
    values = {
        "year": [f"{day:%Y}"],
        "month": [f"{day:%m}"],
        "day": [f"{day:%d}"],
        "pk": [str(pk) for pk in pks],
        "article_id": [str(story.pk)],
        "entry_id": [str(entry.pk)],
        "slug": [story.slug, section.slug, tag.slug, source.slug, author.slug],
        "token": [
            tokens.make_confirmation_token(pending, pending.consents.get()),
            tokens.make_unsubscribe_token(subscriber),
        ],
        "edition": [digest.edition.isoformat()],
        "kind": ["terms", "privacy"],
        "version": ["1"],
        "section": [section.slug, "news"],
        "path": [story.hero_image.file.name],
        "url": ["no-such-page/"],  # the admin's catch-all
        "content_type_id": [str(ContentType.objects.get_for_model(Article).pk)],
        "key": [EmailConfirmationHMAC(address).key, default_token_generator.make_token(reader)],
        "uidb36": [user_pk_to_url_str(reader)],
        "history_id": history_ids,
    }
    return Newsroom(reader=reader, superuser=superuser, values=values)
