"""The front page's arrangements, as the editors make them (read by articles/front_page.py,
edited by articles/front_page_editing.py). Kept out of models.py, which imports them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# The lead is slot 0; slots 1.. are the top stories.
LEAD_SLOT = 0
TOP_SLOTS = 4
SLOTS = 1 + TOP_SLOTS
# A lead's package of related links: fewer than two is not a package and is not shown.
PACKAGE_MIN_LINKS = 2
PACKAGE_MAX_LINKS = 4


class FrontPageLayoutQuerySet(models.QuerySet):
    def live(self, now=None):
        """Arrangements whose time has come, the one readers see first."""
        return self.filter(starts_at__lte=now or timezone.now()).order_by("-starts_at", "-pk")

    def scheduled(self, now=None):
        return self.filter(starts_at__gt=now or timezone.now()).order_by("starts_at", "pk")


class FrontPageLayout(models.Model):
    """One arrangement of the home page. Editing the live one changes the page at once; one that
    starts later ("lead at 06:00") takes over when its time comes."""

    starts_at = models.DateTimeField(
        "shown from",
        default=timezone.now,
        db_index=True,
        help_text="Readers see the newest arrangement whose time has come.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    # Every edit saves this row, and that save is what empties the page cache
    # (articles/cache_keys.py purges the home page): bulk writes of placements send no signals.
    changed_at = models.DateTimeField("last changed", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="created by",
    )
    objects = FrontPageLayoutQuerySet.as_manager()

    class Meta:
        app_label = "articles"
        ordering = ["-starts_at", "-pk"]
        verbose_name = "front page"
        verbose_name_plural = "front page"
        permissions = [("arrange_front_page", "Can arrange the home page")]

    def __str__(self):
        return f"Front page from {timezone.localtime(self.starts_at):%H:%M %d/%m/%Y}"


class FrontPagePlacement(models.Model):
    """One thing an editor put on the front page: a story in a slot, a section block's place,
    or a related link under a lead story (``package_of``).

    One table, so that the home page reads a whole arrangement in one query."""

    class Kind(models.TextChoices):
        SLOT = "slot", "Lead or top story"
        SECTION = "section", "Section block"
        LINK = "link", "Related link under the lead"

    layout = models.ForeignKey(FrontPageLayout, on_delete=models.CASCADE, related_name="placements")
    kind = models.CharField("kind", max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(
        "position", help_text="Slot 0 is the lead; lower numbers come first."
    )
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="front_page_placements",
    )
    section = models.ForeignKey(
        "articles.Section", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # A package belongs to its lead story, so it follows the story if an editor moves it away
    # from the lead and back, and never shows under another story.
    package_of = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        app_label = "articles"
        ordering = ["kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["layout", "position"],
                condition=Q(kind="slot"),
                name="front_page_one_story_per_slot",
            ),
            models.UniqueConstraint(
                fields=["layout", "article"],
                condition=Q(kind="slot"),
                name="front_page_story_in_one_slot",
            ),
            models.UniqueConstraint(
                fields=["layout", "section"],
                condition=Q(kind="section"),
                name="front_page_section_once",
            ),
            models.UniqueConstraint(
                fields=["layout", "package_of", "article"],
                condition=Q(kind="link"),
                name="front_page_link_once_per_package",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.position}"
