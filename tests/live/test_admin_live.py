"""Live coverage in the admin: starting, ending and reopening it, and the updates edited and
deleted through live.services (history kept, counters and revision in step)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from live.models import LiveCoverage, LiveEntry
from tests.factories import ArticleFactory, ImageFactory
from tests.live.editors import editor, live_story, post

pytestmark = pytest.mark.django_db

COVERAGE_LIST = reverse("admin:live_livecoverage_changelist")
ENTRY_LIST = reverse("admin:live_liveentry_changelist")


@pytest.fixture
def editor_client(client):
    client.user = editor()
    client.force_login(client.user)
    return client


@pytest.fixture
def coverage():
    return live_story(headline="Polls close across the country")


def entry_form(entry, **changes):
    data = {
        "title": entry.title,
        "body": entry.body,
        "is_key_event": "on" if entry.is_key_event else "",
        "is_pinned": "on" if entry.is_pinned else "",
        "image": entry.image_id or "",
        "embed_url": entry.embed_url,
        "author": entry.author_id or "",
        "_save": "Save",
        **changes,
    }
    return {name: value for name, value in data.items() if value != ""}


def test_editors_have_every_right_over_live_coverage():
    rights = set(
        Group.objects.get(name="Editors")
        .permissions.filter(content_type__app_label="live")
        .values_list("codename", flat=True)
    )
    for model in ("livecoverage", "liveentry"):
        assert {f"{action}_{model}" for action in ("add", "change", "delete", "view")} <= rights
    assert {"view_historicalliveentry", "view_historicallivecoverage"} <= rights


# --- coverage


def start_in_admin(client, article_id):
    now = timezone.localtime()
    return client.post(
        reverse("admin:live_livecoverage_add"),
        {
            "article": article_id,
            "started_at_0": now.strftime("%Y-%m-%d"),
            "started_at_1": now.strftime("%H:%M:%S"),
        },
    )


def test_starting_coverage_from_the_admin_goes_through_the_services(editor_client):
    story = ArticleFactory(headline="Storm warning")
    response = start_in_admin(editor_client, story.pk)
    assert response.status_code == 302
    coverage = LiveCoverage.objects.get(pk=story.pk)
    assert coverage.ended_at is None
    assert coverage.history.count() == 1


def test_a_story_cannot_be_started_twice(editor_client, coverage):
    response = start_in_admin(editor_client, coverage.pk)
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_moving_the_start_bumps_the_revision(editor_client, coverage):
    before = LiveCoverage.objects.get(pk=coverage.pk).revision
    earlier = timezone.localtime() - timezone.timedelta(hours=2)
    response = editor_client.post(
        reverse("admin:live_livecoverage_change", args=[coverage.pk]),
        {"started_at_0": earlier.strftime("%Y-%m-%d"), "started_at_1": earlier.strftime("%H:%M")},
    )
    assert response.status_code == 302
    coverage.refresh_from_db()
    assert coverage.started_at.replace(second=0, microsecond=0) == earlier.replace(
        second=0, microsecond=0
    )
    assert coverage.revision == before + 1


def test_the_list_shows_state_latest_update_count_and_links(
    editor_client, coverage, django_assert_max_num_queries
):
    post(coverage, title="First")
    post(coverage, title="Second")
    ended = live_story(headline="Yesterday's storm")
    editor_client.post(reverse("admin:live_livecoverage_end", args=[ended.pk]))
    for _ in range(5):
        live_story()
    with django_assert_max_num_queries(12):
        page = editor_client.get(COVERAGE_LIST)
    html = page.content.decode()
    assert "Running" in html and "Ended" in html
    assert '<td class="field-update_count">2</td>' in html
    assert reverse("admin:live_livecoverage_desk", args=[coverage.pk]) in html
    assert coverage.article.get_absolute_url() in html


def test_end_and_reopen_actions_change_only_what_they_should(editor_client, coverage):
    ended = live_story()
    editor_client.post(reverse("admin:live_livecoverage_end", args=[ended.pk]))
    ended.refresh_from_db()
    ended_at = ended.ended_at

    editor_client.post(
        COVERAGE_LIST,
        {"action": "end_selected", "_selected_action": [coverage.pk, ended.pk]},
    )
    coverage.refresh_from_db()
    ended.refresh_from_db()
    assert coverage.has_ended and ended.ended_at == ended_at  # the ended one keeps its time

    revision = coverage.revision
    editor_client.post(
        COVERAGE_LIST, {"action": "reopen_selected", "_selected_action": [coverage.pk]}
    )
    coverage.refresh_from_db()
    assert coverage.ended_at is None and coverage.revision == revision + 1


def test_the_coverage_page_offers_the_desk_and_the_end_button(editor_client, coverage):
    html = editor_client.get(
        reverse("admin:live_livecoverage_change", args=[coverage.pk])
    ).content.decode()
    assert reverse("admin:live_livecoverage_desk", args=[coverage.pk]) in html
    assert reverse("admin:live_livecoverage_end", args=[coverage.pk]) in html
    assert "End coverage" in html


# --- updates


def test_editing_an_update_keeps_its_history_and_tells_readers(editor_client, coverage):
    entry = post(coverage, title="Turnout 60%", body="<p>First count.</p>")
    revision = LiveCoverage.objects.get(pk=coverage.pk).revision
    response = editor_client.post(
        reverse("admin:live_liveentry_change", args=[entry.pk]),
        entry_form(entry, title="Turnout 64%", body="<p>Corrected count.</p>"),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Turnout 64%" and entry.edited_at is not None
    assert [row.title for row in entry.history.order_by("history_date")] == [
        "Turnout 60%",
        "Turnout 64%",
    ]
    assert entry.history.latest().history_user == editor_client.user
    assert LiveCoverage.objects.get(pk=coverage.pk).revision == revision + 1
    history = editor_client.get(reverse("admin:live_liveentry_history", args=[entry.pk]))
    assert history.status_code == 200 and "Turnout 60%" in history.content.decode()


def test_changing_only_a_flag_is_not_shown_as_updated(editor_client, coverage):
    entry = post(coverage, title="Quiet")
    editor_client.post(
        reverse("admin:live_liveentry_change", args=[entry.pk]),
        entry_form(entry, is_key_event="on"),
    )
    entry.refresh_from_db()
    assert entry.is_key_event and entry.edited_at is None


def test_pinning_in_the_admin_unpins_the_other(editor_client, coverage):
    old = post(coverage, title="Old pin", is_pinned=True)
    new = post(coverage, title="New pin")
    editor_client.post(
        reverse("admin:live_liveentry_change", args=[new.pk]), entry_form(new, is_pinned="on")
    )
    old.refresh_from_db()
    new.refresh_from_db()
    assert new.is_pinned and not old.is_pinned


def test_the_admin_form_refuses_what_the_desk_refuses(editor_client, coverage):
    entry = post(coverage, title="Something")
    url = reverse("admin:live_liveentry_change", args=[entry.pk])
    empty = editor_client.post(url, entry_form(entry, title="   ", body=""))
    assert empty.status_code == 200 and "This update is empty" in empty.content.decode()
    bad_embed = editor_client.post(url, entry_form(entry, embed_url="https://vimeo.com.evil.io/1"))
    assert "not a video or post we can embed" in bad_embed.content.decode()
    entry.refresh_from_db()
    assert entry.title == "Something" and entry.edited_at is None


def test_an_edit_from_the_desk_goes_back_to_the_desk(editor_client, coverage):
    entry = post(coverage, title="Typo hre")
    url = reverse("admin:live_liveentry_change", args=[entry.pk]) + f"?desk={coverage.pk}"
    response = editor_client.post(url, entry_form(entry, title="Typo here"))
    assert response["Location"] == reverse("admin:live_livecoverage_desk", args=[coverage.pk])


def test_deleting_an_update_removes_it_and_moves_the_coverage_on(editor_client, coverage):
    first = post(coverage, title="First")
    second = post(coverage, title="Second")
    revision = LiveCoverage.objects.get(pk=coverage.pk).revision
    url = reverse("admin:live_liveentry_delete", args=[second.pk]) + f"?desk={coverage.pk}"
    response = editor_client.post(url, {"post": "yes"})
    assert response["Location"] == reverse("admin:live_livecoverage_desk", args=[coverage.pk])
    assert not LiveEntry.objects.filter(pk=second.pk).exists()
    coverage.refresh_from_db()
    assert coverage.revision == revision + 1
    assert coverage.last_entry_at == first.posted_at
    assert coverage.last_sequence == 2  # numbers are not reused
    assert LiveEntry.history.filter(id=second.pk, history_type="-").exists()


def test_deleting_updates_in_bulk_goes_through_the_services(editor_client, coverage):
    entries = [post(coverage, title=f"Update {n}") for n in range(3)]
    revision = LiveCoverage.objects.get(pk=coverage.pk).revision
    editor_client.post(
        ENTRY_LIST,
        {
            "action": "delete_selected",
            "_selected_action": [entry.pk for entry in entries],
            "post": "yes",
        },
    )
    assert not LiveEntry.objects.exists()
    coverage.refresh_from_db()
    assert coverage.revision == revision + 3 and coverage.last_entry_at is None


def test_updates_are_listed_searched_and_filtered_by_coverage(
    editor_client, coverage, django_assert_max_num_queries
):
    other = live_story(headline="Another story")
    picture = ImageFactory()
    for n in range(5):
        post(coverage, title=f"Ballot {n}", image=picture)
        post(other, title=f"Storm {n}")
    with django_assert_max_num_queries(14):
        page = editor_client.get(ENTRY_LIST + f"?coverage={coverage.pk}")
    html = page.content.decode()
    assert "Ballot 3" in html and "Storm 3" not in html
    assert "Storm 2" in editor_client.get(ENTRY_LIST + "?q=Storm").content.decode()
    assert editor_client.get(ENTRY_LIST + "?coverage=" + "9" * 30).status_code == 200


def test_updates_are_posted_from_the_desk_not_added_in_the_admin(editor_client):
    assert editor_client.get(reverse("admin:live_liveentry_add")).status_code == 403


def test_history_addresses_that_cannot_exist_are_404(editor_client, coverage):
    entry = post(coverage)
    huge = "9" * 30
    assert editor_client.get(f"/admin/live/liveentry/{huge}/history/").status_code == 404
    version = f"/admin/live/liveentry/{entry.pk}/history/{huge}/"
    assert editor_client.get(version).status_code == 404
