"""Readers, moderators and comments for the comments tests."""

import uuid

import factory
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import F
from django.urls import reverse

from comments.models import Comment, Commenter, Discussion
from legal.models import Guidelines
from tests.factories import ArticleFactory


class UserFactory(factory.django.DjangoModelFactory):
    """A reader with a verified email address and a commenter profile."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def commenter(self, create, extracted, **kwargs):
        if create:
            Commenter.objects.create(
                user=self, display_name=kwargs.pop("display_name", f"Reader {self.pk}"), **kwargs
            )


def trusted_user(**kwargs):
    return UserFactory(commenter__approved_count=10, **kwargs)


def moderator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    return user


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved comment; counters are the test's business (use services for real flows)."""

    class Meta:
        model = Comment
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Comment number {n}.")
    status = Comment.Status.APPROVED

    @factory.post_generation
    def counted(self, create, extracted, **kwargs):
        """Approved comments count on their story, parent and author, as the services do."""
        if create and self.status == Comment.Status.APPROVED and extracted is not False:
            Discussion.objects.filter(article_id=self.article_id).update(
                comment_count=F("comment_count") + 1
            )
            if self.parent_id:
                Comment.objects.filter(pk=self.parent_id).update(reply_count=F("reply_count") + 1)
            if self.author_id:
                Commenter.objects.filter(user_id=self.author_id).update(
                    approved_count=F("approved_count") + 1
                )


def rate_limits(**changed):
    """RATE_LIMITS with some comment limits changed: ``rate_limits(report_ip=(2, 60))``."""
    limits = {f"comment-{name.replace('_', '-')}": limit for name, limit in changed.items()}
    return {**settings.RATE_LIMITS, **limits}


def guidelines(version_text="Be kind."):
    return Guidelines(summary=version_text, body=version_text).publish()


def build_discussion(article, *, threads, replies_per_thread, featured=2):
    """A large discussion in a few bulk inserts: ``threads`` approved comments, each with
    ``replies_per_thread`` approved replies, the first ``featured`` featured; counters set."""
    authors = [UserFactory() for _ in range(5)]
    heads = Comment.objects.bulk_create(
        Comment(
            article=article,
            author=authors[n % 5],
            body=f"Thread {n}",
            status=Comment.Status.APPROVED,
            is_featured=n < featured,
            reply_count=replies_per_thread,
        )
        for n in range(threads)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            author=authors[(n + 1) % 5],
            parent=head,
            body=f"Reply {n} to {head.pk}",
            status=Comment.Status.APPROVED,
        )
        for head in heads
        for n in range(replies_per_thread)
    )
    total = threads * (1 + replies_per_thread)
    Discussion.objects.filter(article=article).update(comment_count=total)
    return heads


def post_comment_form(client, article, body="A fair point about the story.", **extra):
    """The story's comment form as a reader's browser sends it (a fresh token, guidelines ticked)."""
    data = {"body": body, "token": str(uuid.uuid4()), "accept_guidelines": "on", **extra}
    return client.post(reverse("comments:post", args=[article.pk]), data)
