"""Two editors on one story: a save made from a form opened before someone else's save is
refused, with what the other editor changed, and the refused editor's text kept in the form.

Optimistic concurrency on ``Article.version``. The check runs while the story's row is locked
(SELECT … FOR UPDATE inside the admin's transaction), so two saves at the same instant are
serialised on PostgreSQL: the second one sees the first's version. What changed is read from
the story's history (django-simple-history), which records the version with every save.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from .models import Article

# The fields an editor changes in the story form, in the order the form shows them.
WATCHED_FIELDS = [
    "headline",
    "slug",
    "standfirst",
    "body",
    "section",
    "source",
    "hero_image",
    "status",
    "published_at",
    "is_featured",
    "is_breaking",
    "breaking_until",
]


@dataclass(frozen=True)
class EditConflict:
    """Someone saved the story after this editor opened it."""

    current_version: int
    saved_by: str
    saved_at: str
    changed_fields: list[str]  # verbose names of what the other save(s) changed

    def message(self) -> str:
        changed = ", ".join(self.changed_fields) or "nothing you can see in this form"
        return (
            f"{self.saved_by} saved this story at {self.saved_at}, after you opened it, and "
            f"changed: {changed}. Your changes are not saved yet: they are still in the form "
            "below. Check the story as it is now (open it in a new tab), then save again to "
            "keep your version, or copy what you need and reload."
        )


def edit_conflict(article_id: int, opened_version: int) -> EditConflict | None:
    """The conflict, if the story has been saved since ``opened_version``; locks its row."""
    current = (
        Article.objects.select_for_update()
        .filter(pk=article_id)
        .values_list("version", flat=True)
        .first()
    )
    if current is None or current == opened_version:
        return None
    records = list(
        Article.history.filter(id=article_id, version__gte=opened_version).order_by(
            "version", "history_date"
        )
    )
    latest = records[-1] if records else None
    opened = next((record for record in records if record.version == opened_version), None)
    changed = []
    if latest is not None and opened is not None:
        delta = latest.diff_against(opened, included_fields=WATCHED_FIELDS)
        names = {change.field for change in delta.changes}
        changed = [
            str(Article._meta.get_field(field).verbose_name)
            for field in WATCHED_FIELDS
            if field in names
        ]
    user = getattr(latest, "history_user", None) if latest else None
    saved_at = latest.history_date if latest else timezone.now()
    return EditConflict(
        current_version=current,
        saved_by=(user.get_full_name() or user.get_username()) if user else "Someone",
        saved_at=date_format(timezone.localtime(saved_at), "H:i"),
        changed_fields=changed,
    )
