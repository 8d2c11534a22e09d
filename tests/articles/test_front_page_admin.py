"""The editors' front-page page in the admin (articles/front_page_admin.py): who may use it, and
every change as the plain POST a keyboard or a browser without JavaScript sends."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone

from articles import front_page_editing as editing
from articles.models import Article, FrontPageLayout
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("admin:articles_frontpagelayout_changelist")
CHANGE = reverse("admin:articles_frontpagelayout_arrange")


def staff_member(username, *groups):
    user = User.objects.create_user(username, f"{username}@example.com", "pw", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(client):
    client.force_login(staff_member("editor", "Editors"))
    return client


def live_slots():
    return editing.slots_of(FrontPageLayout.objects.live().first())


def test_the_editors_group_may_arrange_the_front_page_and_moderators_may_not(client):
    arrange = Permission.objects.get(codename="arrange_front_page")
    assert arrange in Group.objects.get(name="Editors").permissions.all()

    client.force_login(staff_member("moderator", "Moderators"))
    assert client.get(PAGE).status_code == 403
    assert client.post(CHANGE, {"action": "up:1"}).status_code == 403
    assert not FrontPageLayout.objects.exists()


def test_readers_are_sent_to_the_admin_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_index_links_to_the_front_page_for_editors(editor):
    assert f'href="{PAGE}"' in editor.get(reverse("admin:index")).content.decode()


def test_the_page_shows_each_slot_with_what_fills_it_now(editor):
    ArticleFactory(headline="Featured by the old rules", is_featured=True)
    html = editor.get(PAGE).content.decode()
    assert "Fills by itself: <em>Featured by the old rules</em>" in html
    assert 'value="up:1"' in html and 'aria-label="Move top story 1 up"' in html
    # The schedule's field shares the one form: "required" would block every other button.
    assert 'name="starts_at"' in html and "required" not in html


def test_changing_needs_a_post(editor):
    assert editor.get(CHANGE).status_code == 405


def test_an_editor_places_a_story_then_moves_it_up_to_the_lead(editor):
    story = ArticleFactory(headline="To the lead")
    response = editor.post(CHANGE, {"action": "place:1", "story-1": story.pk})
    assert response.status_code == 302 and response["Location"] == f"{PAGE}#slot-1"
    assert live_slots() == [None, story.pk, None, None, None]

    response = editor.post(CHANGE, {"action": "up:1"}, follow=True)
    assert live_slots() == [story.pk, None, None, None, None]
    assert "Moved to “Lead”." in response.content.decode()

    editor.post(CHANGE, {"action": "down:0"})
    assert live_slots() == [None, story.pk, None, None, None]
    editor.post(CHANGE, {"action": "clear:1"})
    assert live_slots() == [None] * 5


def test_a_dragged_order_is_saved_as_posted(editor):
    a, b, c = ArticleFactory.create_batch(3)
    editing.arrange_slots(editing.live_layout_for_editing(by=None), [a.pk, b.pk, c.pk])
    editor.post(CHANGE, {"action": "reorder", "slot": [c.pk, "", a.pk, b.pk, ""]})
    assert live_slots() == [c.pk, None, a.pk, b.pk, None]


def test_a_bad_change_is_refused_with_a_message_and_nothing_changes(editor):
    story = ArticleFactory()
    editor.post(CHANGE, {"action": "place:0", "story-0": story.pk})
    for data in (
        {"action": "reorder", "slot": [story.pk, story.pk]},
        {"action": "place:9", "story-9": story.pk},
        {"action": "place:1", "story-1": "not a number"},
        {"action": "place:1", "story-1": ArticleFactory(status="draft").pk},
        {"action": "place:1"},
        {"action": "nonsense"},
    ):
        response = editor.post(CHANGE, data, follow=True)
        assert response.status_code == 200
        assert response.context["messages"]._loaded_messages[-1].level_tag == "error"
        assert live_slots() == [story.pk, None, None, None, None]


def test_sections_move_up_and_down_and_by_drag_order(editor):
    first, second = SectionFactory(order=1), SectionFactory(order=2)
    editor.post(CHANGE, {"action": f"section-up:{second.pk}"})
    layout = FrontPageLayout.objects.live().first()
    assert editing.section_order_of(layout) == [second.pk, first.pk]
    editor.post(CHANGE, {"action": "sections", "section": [first.pk, second.pk]})
    assert editing.section_order_of(layout) == [first.pk, second.pk]


def test_related_links_are_added_to_and_removed_from_the_lead(editor):
    lead, link = ArticleFactory.create_batch(2)
    response = editor.post(CHANGE, {"action": "link-add", "link-story": link.pk}, follow=True)
    assert "Place a lead story first." in response.content.decode()

    editor.post(CHANGE, {"action": "place:0", "story-0": lead.pk})
    editor.post(CHANGE, {"action": "link-add", "link-story": link.pk})
    layout = FrontPageLayout.objects.live().first()
    assert editing.package_of(layout, lead.pk) == [link.pk]
    editor.post(CHANGE, {"action": f"link-remove:{link.pk}"})
    assert editing.package_of(layout, lead.pk) == []


def test_an_editor_schedules_an_arrangement_and_changes_it_without_touching_the_live_one(editor):
    today, tomorrow = ArticleFactory.create_batch(2)
    editor.post(CHANGE, {"action": "place:0", "story-0": today.pk})
    at = timezone.localtime() + timedelta(hours=6)

    response = editor.post(
        CHANGE, {"action": "schedule", "starts_at": at.strftime("%d/%m/%Y %H:%M")}
    )
    scheduled = FrontPageLayout.objects.scheduled().get()
    assert response["Location"] == f"{PAGE}?layout={scheduled.pk}"
    editor.post(CHANGE, {"layout": scheduled.pk, "action": "place:0", "story-0": tomorrow.pk})
    assert editing.slots_of(scheduled)[0] == tomorrow.pk
    assert live_slots()[0] == today.pk
    page = editor.get(f"{PAGE}?layout={scheduled.pk}").content.decode()
    assert f"readers see this arrangement from <strong>{at:%H:%M %d/%m/%Y}</strong>" in page

    response = editor.post(CHANGE, {"action": "schedule", "starts_at": "yesterday"}, follow=True)
    assert "Give the time the arrangement starts at." in response.content.decode()
    assert FrontPageLayout.objects.scheduled().count() == 1


def test_a_scheduled_arrangement_can_be_cancelled_and_a_live_one_cannot(editor):
    live = editing.live_layout_for_editing(by=None)
    scheduled = editing.schedule_layout(starts_at=timezone.now() + timedelta(hours=1), by=None)
    page = editor.get(f"{PAGE}?layout={scheduled.pk}").content.decode()
    assert 'value="cancel"' in page

    response = editor.post(CHANGE, {"layout": scheduled.pk, "action": "cancel"})
    assert response["Location"] == PAGE
    assert list(FrontPageLayout.objects.all()) == [live]
    response = editor.post(CHANGE, {"layout": live.pk, "action": "cancel"}, follow=True)
    assert "This arrangement has started: change it instead." in response.content.decode()
    assert FrontPageLayout.objects.filter(pk=live.pk).exists()


CANDIDATES = reverse("admin:articles_frontpagelayout_candidates")


@pytest.fixture
def three_candidates(monkeypatch):
    """The pickers offer the three newest stories (60 in the newsroom)."""
    monkeypatch.setattr(editing, "CANDIDATES", 3)


def picker_options(html):
    """The stories offered in the lead's picker, by headline."""
    picker = html.split('name="story-0"', 1)[1].split("</select>", 1)[0]
    return [option.split(" (", 1)[0] for option in picker.split('">')[2:]]


def test_the_pickers_offer_the_newest_stories_and_a_search_finds_an_older_one(
    editor, three_candidates
):
    now = timezone.now()
    ArticleFactory(
        headline="Ferry strike ends on the Bosphorus", published_at=now - timedelta(days=9)
    )
    for hours, headline in enumerate(["Newest", "Second", "Third", "Fourth"]):
        ArticleFactory(headline=f"{headline} story", published_at=now - timedelta(hours=hours))

    html = editor.get(PAGE).content.decode()
    assert picker_options(html) == ["Newest story", "Second story", "Third story"]
    assert "search to find an older one" in html

    html = editor.get(PAGE, {"q": "  FERRY   strike "}).content.decode()
    assert picker_options(html) == ["Ferry strike ends on the Bosphorus"]
    assert 'value="FERRY   strike"' in html
    assert "offer the 1 story with “FERRY   strike” in the headline" in html

    html = editor.get(PAGE, {"q": "<b>ferry</b>"}).content.decode()
    assert picker_options(html) == []
    assert "No story has “&lt;b&gt;ferry&lt;/b&gt;” in its headline." in html


def test_the_search_as_you_type_answers_json_with_the_same_stories(
    editor, three_candidates, django_assert_num_queries
):
    now = timezone.now()
    old = ArticleFactory(
        headline="Ferry strike ends on the Bosphorus", published_at=now - timedelta(days=9)
    )
    ArticleFactory(headline="Ferry timetable", status=Article.Status.DRAFT)
    for hours in range(4):
        ArticleFactory(headline=f"Story {hours}", published_at=now - timedelta(hours=hours))

    # The session, the user, their own and their groups' rights, then the stories: one query.
    with django_assert_num_queries(5):
        answer = editor.get(CANDIDATES, {"q": "ferry"}).json()
    assert answer == {
        "stories": [
            {
                "id": old.pk,
                "label": f"Ferry strike ends on the Bosphorus ({old.section.name}, "
                f"{timezone.localtime(old.published_at):%H:%M %d/%m})",
            }
        ],
        "limit": 3,
    }
    assert [s["id"] for s in editor.get(CANDIDATES).json()["stories"]] == [
        *Article.objects.order_by("-published_at")
        .filter(headline__startswith="Story")
        .values_list("pk", flat=True)[:3]
    ]


def test_the_search_is_for_editors_only(client):
    client.force_login(staff_member("moderator", "Moderators"))
    assert client.get(CANDIDATES, {"q": "a"}).status_code == 403
    client.logout()
    assert client.get(CANDIDATES, {"q": "a"}).status_code == 302
