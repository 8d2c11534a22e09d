"""The demo newsroom's running order: which stories exist, when they appear, who files them.

Story words come from one random stream seeded with SEED, consumed in the same order whatever the
article count, so a smaller run makes the first stories of a larger one. Times and flags come from a
second stream and depend on ``now`` and the count; they never change a headline.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from .content import AUTHORS, SOURCE_WEIGHTS
from .stories import BREAKING, DESKS, Story, pick_desk, write_story

SEED = 2026
DRAFTS = 5
SCHEDULED = 3
FEATURED = 12
FEATURED_RECENT = 6
DAYS_BACK = 60
GALLERY_SHARE = 1 / 8

CORRECTIONS = (
    "An earlier version of this story gave an incorrect figure in the third paragraph. It has been corrected.",
    "An earlier version of this story misspelled the name of a person quoted. We apologise for the error.",
)


@dataclass
class Plan:
    story: Story
    status: str
    published_at: datetime
    updated_at: datetime = None
    is_breaking: bool = False
    is_featured: bool = False
    correction: str = ""
    source: str = ""
    authors: tuple = ()
    pictures: int = 1
    agency_credit: bool = False
    scenes: list = field(default_factory=list)


def plan_newsroom(*, article_count, now, site):
    """Every demo story, drafts and scheduled ones first, then the published ones newest first."""
    clock = random.Random(f"{SEED}:clock:{article_count}")
    moments = [("draft", now - timedelta(hours=clock.uniform(1, 30))) for _ in range(DRAFTS)]
    moments += [("published", now + timedelta(days=clock.uniform(1, 3))) for _ in range(SCHEDULED)]
    moments += [("published", at) for at in _publication_times(clock, article_count, now)]

    words = random.Random(SEED)
    taken = set()
    plans = []
    for index, (status, at) in enumerate(moments):
        when = timezone.localtime(at.replace(second=0, microsecond=0))
        if index == DRAFTS + SCHEDULED:
            story = write_story(
                words, desk=DESKS[0], topic=BREAKING, taken_slugs=taken, when=when, site=site
            )
        else:
            story = write_story(
                words, desk=pick_desk(words), taken_slugs=taken, when=when, site=site
            )
        plans.append(_with_byline_and_pictures(Plan(story=story, status=status, published_at=when)))

    published = plans[DRAFTS + SCHEDULED :]
    if published:
        published[0].is_breaking = True
    _mark_featured(published, now)
    _mark_updates(clock, published, now)
    return plans


def _publication_times(clock, count, now):
    """Denser in recent days; the first is the breaking story, published four and a half to five
    hours ago (its live coverage, live/demo.py, has run since), the others newest first."""
    times = []
    for position in range(count):
        if position == 0:
            age = timedelta(minutes=clock.uniform(270, 300))
        else:
            share = (position + clock.random()) / count
            age = max(timedelta(minutes=20), timedelta(days=DAYS_BACK * share**1.7))
        times.append(now - min(age, timedelta(days=DAYS_BACK, minutes=-5)))
    return times


def _with_byline_and_pictures(plan):
    # Each story's extras have their own random, so they stay the same however many stories are made.
    rng = random.Random(f"{SEED}:{plan.story.slug}")
    section = plan.story.section
    roll = rng.random()
    if roll < 0.5 or roll >= 0.8:
        weights = SOURCE_WEIGHTS[section]
        plan.source = rng.choices(list(weights), weights=list(weights.values()))[0]
    if roll >= 0.5:
        desk_authors = [slug for _, slug, _, sections, _ in AUTHORS if section in sections]
        plan.authors = tuple(
            rng.sample(desk_authors, k=2 if len(desk_authors) > 1 and rng.random() < 0.2 else 1)
        )
    plan.pictures = rng.randint(3, 4) if rng.random() < GALLERY_SHARE else 1
    plan.scenes = [rng.choice(plan.story.scenes) for _ in range(plan.pictures)]
    plan.agency_credit = bool(plan.source) and rng.random() < 0.5
    return plan


def _mark_featured(published, now):
    recent = [plan for plan in published[1:] if now - plan.published_at < timedelta(hours=40)]
    older = [plan for plan in published[1:] if now - plan.published_at > timedelta(hours=48)]
    picks = recent[::2][:FEATURED_RECENT]
    want = FEATURED - len(picks)
    if older and want > 0:
        step = max(1, len(older) // want)
        picks += older[::step][:want]
    for plan in picks:
        plan.is_featured = True


def _mark_updates(clock, published, now):
    """A few stories changed about two hours after publication; two of them carry a correction."""
    candidates = [plan for plan in published[1:] if now - plan.published_at > timedelta(hours=3)]
    if not candidates:
        return
    step = max(1, len(candidates) // 5)
    for number, plan in enumerate(candidates[1::step][:5]):
        plan.updated_at = plan.published_at + timedelta(minutes=clock.randint(100, 150))
        if number in (1, 3):
            plan.correction = CORRECTIONS[number // 2]
