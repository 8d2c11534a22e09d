from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from articles.models import Article
from comments.models import Comment, Commenter, Discussion


def _count(queryset, group_by):
    """A correlated COUNT subquery, 0 when there are no rows."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class Command(BaseCommand):
    help = (
        "Recompute the denormalised comment counters (story, replies, readers' history) from the "
        "comments themselves, e.g. after rows were changed or deleted outside comments.services."
    )

    def handle(self, *args, **options):
        approved = Comment.objects.filter(status=Comment.Status.APPROVED)
        rejected = Comment.objects.filter(status__in=[Comment.Status.REJECTED, Comment.Status.SPAM])
        with transaction.atomic():
            # Stories made without their discussion row (bulk_create, raw SQL) get one first.
            missing = Article.objects.filter(discussion__isnull=True).values_list("pk", flat=True)
            Discussion.objects.bulk_create(
                (Discussion(article_id=pk) for pk in missing.iterator()), ignore_conflicts=True
            )
            stories = Discussion.objects.update(
                comment_count=_count(approved.filter(article=OuterRef("article")), "article")
            )
            threads = Comment.objects.filter(parent__isnull=True).update(
                reply_count=_count(approved.filter(parent=OuterRef("pk")), "parent")
            )
            readers = Commenter.objects.update(
                approved_count=_count(approved.filter(author=OuterRef("user")), "author"),
                rejected_count=_count(rejected.filter(author=OuterRef("user")), "author"),
            )
        self.stdout.write(f"Recounted {stories} stories, {threads} threads and {readers} readers.")
