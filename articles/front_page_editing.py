"""Editing the front page's arrangements (the admin page is articles/front_page_admin.py).

Every change rewrites one list of the arrangement (its slots, its section order or one lead's
package) under a lock on the arrangement, so two editors' clicks apply one after the other, and
saves the arrangement's row, which empties the page cache for readers.
"""

import functools

from django.db import transaction
from django.utils import timezone

from .front_page_models import (
    PACKAGE_MAX_LINKS,
    SLOTS,
    FrontPageLayout,
    FrontPagePlacement,
)
from .models import Article, Section

Kind = FrontPagePlacement.Kind


def _locked(change):
    """Run a change of an arrangement in a transaction that holds the arrangement's row: two
    editors' changes apply one after the other, each to what the other left."""

    @functools.wraps(change)
    def locked_change(layout, *args, **kwargs):
        with transaction.atomic():
            FrontPageLayout.objects.select_for_update().filter(pk=layout.pk).first()
            return change(layout, *args, **kwargs)

    return locked_change


# How many of the newest stories the page offers to place (by number, any story can be).
CANDIDATES = 60


class ArrangementError(Exception):
    """A change the front page cannot take; the message is for the editor."""


def placeable_stories():
    """Stories an editor may put on the front page: published, or scheduled (a story due at 06:00
    can lead an arrangement that starts then; readers never see a story before its time)."""
    return Article.objects.filter(status=Article.Status.PUBLISHED)


# A search longer than any headline finds nothing; cut it here rather than send it to the database.
SEARCH_MAX_LENGTH = 200


def candidates(query=""):
    """The stories the pickers offer: the CANDIDATES newest, or the newest whose headline holds
    ``query`` (any case), so an older story can be found by name."""
    stories = placeable_stories()
    query = " ".join(query.split())[:SEARCH_MAX_LENGTH]
    if query:
        stories = stories.filter(headline__icontains=query)
    return list(
        stories.select_related("section")
        .only("pk", "headline", "published_at", "section__name")
        .order_by("-published_at", "-pk")[:CANDIDATES]
    )


def live_layout_for_editing(*, by):
    """The arrangement readers see now; the first edit ever starts one (empty: every slot
    filled automatically, which is the page readers saw before)."""
    layout = FrontPageLayout.objects.live().first()
    return layout or FrontPageLayout.objects.create(created_by=by)


def schedule_layout(*, starts_at, by):
    """A copy of the live arrangement that takes over at ``starts_at``, for the editors to change."""
    if starts_at <= timezone.now():
        raise ArrangementError("Choose a time in the future.")
    with transaction.atomic():
        live = FrontPageLayout.objects.live().first()
        layout = FrontPageLayout.objects.create(starts_at=starts_at, created_by=by)
        if live is not None:
            FrontPagePlacement.objects.bulk_create(
                FrontPagePlacement(
                    layout=layout,
                    kind=placement.kind,
                    position=placement.position,
                    article_id=placement.article_id,
                    section_id=placement.section_id,
                    package_of_id=placement.package_of_id,
                )
                for placement in live.placements.all()
            )
    return layout


def cancel_scheduled(layout):
    """Drop an arrangement that has not started; one readers have seen stays, as a record."""
    if layout.starts_at <= timezone.now():
        raise ArrangementError("This arrangement has started: change it instead.")
    layout.delete()


def slots_of(layout):
    """[article id or None] for each slot, the lead first."""
    slots = [None] * SLOTS
    for position, article_id in layout.placements.filter(kind=Kind.SLOT).values_list(
        "position", "article_id"
    ):
        if position < SLOTS:
            slots[position] = article_id
    return slots


@_locked
def arrange_slots(layout, article_ids):
    """Put these stories in the slots, in this order (None leaves a slot to fill by itself).

    The drag-and-drop order and every button come here."""
    article_ids = list(article_ids)[:SLOTS]
    article_ids += [None] * (SLOTS - len(article_ids))
    chosen = [pk for pk in article_ids if pk is not None]
    if len(set(chosen)) != len(chosen):
        raise ArrangementError("A story can be in one slot only.")
    if placeable_stories().filter(pk__in=chosen).count() != len(chosen):
        raise ArrangementError("Only published or scheduled stories can be placed.")
    layout.placements.filter(kind=Kind.SLOT).delete()
    FrontPagePlacement.objects.bulk_create(
        FrontPagePlacement(layout=layout, kind=Kind.SLOT, position=position, article_id=pk)
        for position, pk in enumerate(article_ids)
        if pk is not None
    )
    _touch(layout)


@_locked
def place_story(layout, *, position, article_id):
    """Put a story in a slot. One already on the front page swaps places with what is there."""
    slots = slots_of(layout)
    if article_id in slots:
        slots[slots.index(article_id)] = slots[position]
    slots[position] = article_id
    arrange_slots(layout, slots)


@_locked
def move_slot(layout, *, position, offset):
    """Swap a slot's story with the slot above (offset -1) or below (+1)."""
    slots = slots_of(layout)
    target = position + offset
    if not 0 <= target < SLOTS:
        return
    slots[position], slots[target] = slots[target], slots[position]
    arrange_slots(layout, slots)


@_locked
def clear_slot(layout, *, position):
    slots = slots_of(layout)
    slots[position] = None
    arrange_slots(layout, slots)


def section_order_of(layout):
    """Every section's id in the arrangement's order: the editors' first, the rest as the
    Section model orders them."""
    placed = list(
        layout.placements.filter(kind=Kind.SECTION)
        .order_by("position")
        .values_list("section_id", flat=True)
    )
    rest = Section.objects.exclude(pk__in=placed).values_list("pk", flat=True)
    return placed + list(rest)


@_locked
def arrange_sections(layout, section_ids):
    section_ids = list(dict.fromkeys(section_ids))
    if Section.objects.filter(pk__in=section_ids).count() != len(section_ids):
        raise ArrangementError("That section no longer exists.")
    layout.placements.filter(kind=Kind.SECTION).delete()
    FrontPagePlacement.objects.bulk_create(
        FrontPagePlacement(layout=layout, kind=Kind.SECTION, position=position, section_id=pk)
        for position, pk in enumerate(section_ids)
    )
    _touch(layout)


@_locked
def move_section(layout, *, section_id, offset):
    order = section_order_of(layout)
    if section_id not in order:
        raise ArrangementError("That section no longer exists.")
    position = order.index(section_id)
    target = position + offset
    if 0 <= target < len(order):
        order[position], order[target] = order[target], order[position]
        arrange_sections(layout, order)


def package_of(layout, lead_id):
    """The related links under a lead story, in the editors' order (article ids)."""
    return list(
        layout.placements.filter(kind=Kind.LINK, package_of_id=lead_id)
        .order_by("position")
        .values_list("article_id", flat=True)
    )


@_locked
def arrange_package(layout, *, lead_id, article_ids):
    article_ids = list(article_ids)
    if len(article_ids) > PACKAGE_MAX_LINKS:
        raise ArrangementError(f"A lead carries at most {PACKAGE_MAX_LINKS} related links.")
    if lead_id in article_ids:
        raise ArrangementError("A story cannot link to itself.")
    if len(set(article_ids)) != len(article_ids):
        raise ArrangementError("That story is already in the package.")
    if placeable_stories().filter(pk__in=article_ids).count() != len(article_ids):
        raise ArrangementError("Only published or scheduled stories can be linked.")
    layout.placements.filter(kind=Kind.LINK, package_of_id=lead_id).delete()
    FrontPagePlacement.objects.bulk_create(
        FrontPagePlacement(
            layout=layout,
            kind=Kind.LINK,
            position=position,
            article_id=pk,
            package_of_id=lead_id,
        )
        for position, pk in enumerate(article_ids)
    )
    _touch(layout)


@_locked
def add_link(layout, *, lead_id, article_id):
    arrange_package(layout, lead_id=lead_id, article_ids=[*package_of(layout, lead_id), article_id])


@_locked
def remove_link(layout, *, lead_id, article_id):
    links = [pk for pk in package_of(layout, lead_id) if pk != article_id]
    arrange_package(layout, lead_id=lead_id, article_ids=links)


def _touch(layout):
    # The save that readers' cached pages listen for (newsportal.pagecache).
    layout.save(update_fields=["changed_at"])
