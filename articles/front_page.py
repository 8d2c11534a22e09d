"""The front page as the editors arrange it: a lead, the top stories, the order of the section
blocks and the related links under the lead, each arrangement starting at a time of its own.

Readers see the newest arrangement whose start has come (``FrontPageLayout.objects.live()``).
Slots the editors left empty fill from the newest featured stories, as the home page did before
curation; a story placed by hand stays in its slot until an editor moves it. Editing is in
articles/front_page_editing.py, the admin page in articles/front_page_admin.py.
"""

from dataclasses import dataclass, field

from django.db.models import Q, Subquery
from django.utils import timezone

from .front_page_models import (
    LEAD_SLOT,
    PACKAGE_MAX_LINKS,
    PACKAGE_MIN_LINKS,
    SLOTS,
    FrontPageLayout,
    FrontPagePlacement,
)
from .models import Article


@dataclass
class FrontPage:
    """What the home page shows above the fold, and what the blocks below must skip."""

    lead: object = None
    top: list = field(default_factory=list)
    package: list = field(default_factory=list)
    section_order: list = field(default_factory=list)  # section ids, the editors' order

    @property
    def shown_ids(self):
        stories = ([self.lead] if self.lead else []) + self.top + self.package
        return {story.pk for story in stories}


def live_placements(now=None):
    """The live arrangement's placements with their stories, one query; stories readers may not
    see (drafts, scheduled, unpublished) are left out."""
    now = now or timezone.now()
    live_layout = FrontPageLayout.objects.live(now).values("pk")[:1]
    return (
        FrontPagePlacement.objects.filter(layout=Subquery(live_layout))
        .filter(Q(article__isnull=True) | Q(article__in=Article.objects.published().values("pk")))
        .select_related(
            "article__section", "article__source", "article__hero_image", "article__discussion"
        )
        .defer("article__body")
        .order_by("kind", "position", "pk")
    )


def front_page(visible, now=None):
    """The lead, top stories, the lead's package and the section order, in two queries: the
    live arrangement, then featured stories for the slots it leaves empty.

    ``visible`` is the reader's queryset of cards (``Article.objects.published().for_cards()``).
    """
    placements = list(live_placements(now))
    slots = [None] * SLOTS
    links, section_order = {}, []
    for placement in placements:
        if placement.kind == FrontPagePlacement.Kind.SLOT and placement.position < SLOTS:
            slots[placement.position] = placement.article
        elif placement.kind == FrontPagePlacement.Kind.SECTION:
            section_order.append(placement.section_id)
        elif placement.kind == FrontPagePlacement.Kind.LINK:
            links.setdefault(placement.package_of_id, []).append(placement.article)
    placed = {story.pk for story in slots if story}
    # The editors' links under a lead they placed keep their stories out of the automatic slots.
    chosen_links = links.get(slots[LEAD_SLOT].pk, []) if slots[LEAD_SLOT] else []
    # The rules from before curation fill what is empty: featured stories, newest first. Always
    # asked, so the page runs the same queries however many slots are placed.
    fill = iter(
        visible.filter(is_featured=True)
        .exclude(pk__in=placed | {story.pk for story in chosen_links})
        .order_by("-published_at", "-pk")[:SLOTS]
    )
    slots = [story or next(fill, None) for story in slots]
    lead, top = slots[LEAD_SLOT], [story for story in slots[1:] if story]
    in_slots = {story.pk for story in slots if story}
    package = []
    if lead is not None:
        package = [story for story in links.get(lead.pk, []) if story.pk not in in_slots]
        package = package[:PACKAGE_MAX_LINKS] if len(package) >= PACKAGE_MIN_LINKS else []
    return FrontPage(lead=lead, top=top, package=package, section_order=section_order)


def in_editors_order(section_blocks, section_order):
    """Section blocks in the editors' order; sections they have not placed follow, in the
    Section model's order (which ``section_blocks`` already has)."""
    rank = {section_id: position for position, section_id in enumerate(section_order)}
    return sorted(
        section_blocks, key=lambda block: rank.get(block["section"].pk, len(section_order))
    )
