"""The front page as the editors arrange it (articles/front_page.py, front_page_editing.py)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from articles import front_page_editing as editing
from articles.models import Article, FrontPageLayout
from articles.popularity import record_view
from tests.articles.test_popularity import reader_request
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def home(client=None):
    return (client or Client()).get("/").context


@pytest.fixture
def layout():
    return FrontPageLayout.objects.create()


def test_a_story_placed_in_the_lead_leads_over_the_featured_ones(layout):
    ArticleFactory(is_featured=True, published_at=hours_ago(1))
    older = ArticleFactory(headline="Chosen by the desk", published_at=hours_ago(30))
    editing.place_story(layout, position=0, article_id=older.pk)

    assert home()["lead_story"] == older


def test_placed_stories_stay_in_their_slots_while_empty_ones_fill_from_the_newest_featured(
    layout,
):
    placed = ArticleFactory(headline="Placed second", published_at=hours_ago(30))
    first = ArticleFactory(is_featured=True, published_at=hours_ago(2))
    second = ArticleFactory(is_featured=True, published_at=hours_ago(3))
    editing.place_story(layout, position=2, article_id=placed.pk)

    context = home()
    assert context["lead_story"] == first
    assert context["top_stories"] == [second, placed]

    # A newer featured story takes the first empty slot; the placed one does not move.
    newest = ArticleFactory(is_featured=True, published_at=hours_ago(1))
    context = home()
    assert context["lead_story"] == newest
    assert context["top_stories"] == [first, placed, second]


def test_a_placed_story_readers_may_not_see_leaves_its_slot_to_the_fill(layout):
    featured = ArticleFactory(is_featured=True)
    placed = ArticleFactory()
    editing.place_story(layout, position=0, article_id=placed.pk)
    assert home()["lead_story"] == placed

    placed.status = Article.Status.DRAFT
    placed.save()
    assert home()["lead_story"] == featured


def test_a_story_appears_once_above_the_fold_and_the_blocks_below_skip_it(layout):
    section = SectionFactory(name="Economy")
    lead = ArticleFactory(section=section, published_at=hours_ago(1))
    top = ArticleFactory(section=section, is_featured=True, published_at=hours_ago(2))
    linked = ArticleFactory(section=section, published_at=hours_ago(3))
    other_link = ArticleFactory(section=section, published_at=hours_ago(4))
    rest = ArticleFactory(section=section, published_at=hours_ago(5))
    editing.place_story(layout, position=0, article_id=lead.pk)
    editing.arrange_package(layout, lead_id=lead.pk, article_ids=[linked.pk, other_link.pk])
    cache.clear()
    for n, story in enumerate([lead, top, linked, other_link, rest]):
        record_view(reader_request(address=f"198.51.100.{n + 1}"), story.pk)

    context = home()
    assert context["lead_story"] == lead and context["top_stories"] == [top]
    assert context["lead_package"] == [linked, other_link]
    assert context["latest_stories"] == [rest]
    assert [block["stories"] for block in context["section_blocks"]] == [[rest]]
    assert context["most_read"]["day"] == [rest]


def test_the_section_blocks_follow_the_editors_order(layout):
    first, second, third = (SectionFactory(order=n) for n in range(3))
    for section in (first, second, third):
        ArticleFactory.create_batch(2, section=section)
    assert [b["section"] for b in home()["section_blocks"]] == [first, second, third]

    editing.move_section(layout, section_id=third.pk, offset=-1)
    editing.move_section(layout, section_id=third.pk, offset=-1)

    assert [b["section"] for b in home()["section_blocks"]] == [third, first, second]
    # A section added later comes after the ones the editors placed.
    newer = SectionFactory(order=0)
    ArticleFactory.create_batch(2, section=newer)
    assert [b["section"] for b in home()["section_blocks"]] == [third, first, second, newer]


def test_up_and_down_swap_neighbouring_slots_and_stop_at_the_ends(layout):
    a, b = ArticleFactory(), ArticleFactory()
    editing.arrange_slots(layout, [a.pk, None, b.pk])
    editing.move_slot(layout, position=2, offset=-1)
    assert editing.slots_of(layout) == [a.pk, b.pk, None, None, None]
    editing.move_slot(layout, position=1, offset=-1)
    assert editing.slots_of(layout) == [b.pk, a.pk, None, None, None]
    editing.move_slot(layout, position=0, offset=-1)
    assert editing.slots_of(layout) == [b.pk, a.pk, None, None, None]


def test_placing_a_story_already_on_the_page_swaps_it_with_the_slot_it_goes_to(layout):
    a, b = ArticleFactory(), ArticleFactory()
    editing.arrange_slots(layout, [a.pk, b.pk])
    editing.place_story(layout, position=0, article_id=b.pk)
    assert editing.slots_of(layout) == [b.pk, a.pk, None, None, None]


@pytest.mark.parametrize(
    "slots, message",
    [
        (["same", "same"], "one slot only"),
        (["draft"], "published or scheduled"),
    ],
)
def test_an_arrangement_that_cannot_be_is_refused_and_nothing_changes(layout, slots, message):
    stories = {"same": ArticleFactory().pk, "draft": ArticleFactory(status="draft").pk}
    kept = ArticleFactory()
    editing.arrange_slots(layout, [kept.pk])
    with pytest.raises(editing.ArrangementError, match=message):
        editing.arrange_slots(layout, [stories[name] for name in slots])
    assert editing.slots_of(layout)[0] == kept.pk


def test_a_scheduled_story_may_be_placed_and_leads_from_its_own_time(layout, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    current = ArticleFactory(is_featured=True)
    due = ArticleFactory(published_at=now + timedelta(hours=1))
    editing.place_story(layout, position=0, article_id=due.pk)
    assert home()["lead_story"] == current
    time_machine.move_to(now + timedelta(hours=1, seconds=1), tick=False)
    assert home()["lead_story"] == due


def test_a_scheduled_arrangement_takes_over_when_its_time_comes(layout, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    today, tomorrow = ArticleFactory(headline="Today"), ArticleFactory(headline="Tomorrow")
    editing.place_story(layout, position=0, article_id=today.pk)

    at_six = editing.schedule_layout(starts_at=now + timedelta(hours=6), by=None)
    assert editing.slots_of(at_six)[0] == today.pk  # a copy of the live one, to change
    editing.place_story(at_six, position=0, article_id=tomorrow.pk)
    assert home()["lead_story"] == today

    time_machine.move_to(now + timedelta(hours=6), tick=False)
    assert home()["lead_story"] == tomorrow
    assert FrontPageLayout.objects.live().first() == at_six


def test_an_arrangement_cannot_be_scheduled_in_the_past():
    with pytest.raises(editing.ArrangementError, match="future"):
        editing.schedule_layout(starts_at=timezone.now() - timedelta(minutes=1), by=None)


def test_a_lead_shows_its_package_of_two_to_four_related_links(layout):
    lead, *links = ArticleFactory.create_batch(6)
    editing.place_story(layout, position=0, article_id=lead.pk)
    editing.add_link(layout, lead_id=lead.pk, article_id=links[0].pk)
    assert home()["lead_package"] == []  # one link is not a package

    editing.add_link(layout, lead_id=lead.pk, article_id=links[1].pk)
    response = Client().get("/")
    assert response.context["lead_package"] == links[:2]
    assert 'aria-label="More on this story"' in response.content.decode()
    assert links[1].get_absolute_url() in response.content.decode()

    editing.arrange_package(layout, lead_id=lead.pk, article_ids=[link.pk for link in links[:4]])
    with pytest.raises(editing.ArrangementError, match="at most 4"):
        editing.add_link(layout, lead_id=lead.pk, article_id=links[4].pk)
    with pytest.raises(editing.ArrangementError, match="itself"):
        editing.arrange_package(layout, lead_id=lead.pk, article_ids=[lead.pk, links[0].pk])
    assert len(home()["lead_package"]) == 4


def test_stories_in_the_package_are_not_repeated_in_the_automatic_slots(layout):
    lead = ArticleFactory()
    linked = ArticleFactory.create_batch(2, is_featured=True)
    other_featured = ArticleFactory(is_featured=True, published_at=hours_ago(5))
    editing.place_story(layout, position=0, article_id=lead.pk)
    editing.arrange_package(layout, lead_id=lead.pk, article_ids=[story.pk for story in linked])

    context = home()
    assert context["lead_package"] == linked
    assert context["top_stories"] == [other_featured]


def test_a_package_belongs_to_its_story_not_to_the_lead_slot(layout):
    lead, other, *links = ArticleFactory.create_batch(4)
    editing.arrange_slots(layout, [lead.pk, other.pk])
    editing.arrange_package(layout, lead_id=lead.pk, article_ids=[link.pk for link in links])
    editing.move_slot(layout, position=0, offset=1)
    context = home()
    assert context["lead_story"] == other and context["lead_package"] == []
    editing.move_slot(layout, position=0, offset=1)
    assert home()["lead_package"] == links


@pytest.mark.django_db(transaction=True)  # the page cache is emptied when the save commits
@override_settings(PAGE_CACHE_SECONDS=60)
def test_a_change_reaches_readers_at_once_and_a_scheduled_one_within_the_cache_lifetime(
    time_machine,
):
    cache.clear()
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    first, second, third = (ArticleFactory(headline=f"Story {n}") for n in "ABC")
    layout = FrontPageLayout.objects.create(starts_at=now - timedelta(minutes=1))
    assert Client().get("/")["X-Page-Cache"] == "miss"
    assert Client().get("/")["X-Page-Cache"] == "hit"

    editing.place_story(layout, position=0, article_id=first.pk)
    response = Client().get("/")
    assert response["X-Page-Cache"] == "miss"
    assert response.context["lead_story"] == first

    later = editing.schedule_layout(starts_at=now + timedelta(seconds=30), by=None)
    editing.place_story(later, position=0, article_id=second.pk)
    assert Client().get("/").context["lead_story"] == first
    time_machine.move_to(now + timedelta(seconds=61), tick=False)  # the cached copy has expired
    assert Client().get("/").context["lead_story"] == second
