"""The live desk: who may open it, posting with and without JavaScript, one update per form
however often it is sent, the coverage's state, and what it refuses."""

import uuid

import pytest
from django.urls import reverse

from live import services
from live.desk import DESK_ENTRIES, LAST_AUTHOR
from live.forms import MAX_BODY_LENGTH
from live.models import LiveCoverage, LiveEntry
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory
from tests.live.editors import editor, live_story, post, staff_without_live_rights

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def desk(coverage_or_article):
    return reverse("admin:live_livecoverage_desk", args=[coverage_or_article.pk])


@pytest.fixture
def coverage():
    return live_story(headline="Earthquake in the Aegean")


@pytest.fixture
def editor_client(client):
    client.user = editor()
    client.force_login(client.user)
    return client


def update(**fields):
    return {"title": "", "body": "", "embed_url": "", "token": str(uuid.uuid4()), **fields}


# --- who may open it


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login_page(client, coverage):
    response = client.get(desk(coverage))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_right_to_post_updates_get_403(client, coverage):
    client.force_login(staff_without_live_rights())
    assert client.get(desk(coverage)).status_code == 403
    assert client.post(desk(coverage), update(title="No"), **JSON).status_code == 403
    assert not LiveEntry.objects.exists()


def test_the_desk_shows_the_form_and_the_newest_updates_with_their_flags(editor_client, coverage):
    pinned = post(coverage, title="Pinned summary", is_pinned=True)
    post(coverage, title="Magnitude 6.1", is_key_event=True)
    response = editor_client.get(desk(coverage))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="live-desk-form"' in html and ">Post update</button>" in html
    assert 'id="live-desk-entries"' in html and 'role="status"' in html
    assert html.index("Magnitude 6.1") < html.index("Pinned summary")  # newest first
    assert "Key event</span>" in html and "Pinned</span>" in html
    edit = reverse("admin:live_liveentry_change", args=[pinned.pk])
    assert f'href="{edit}?desk={coverage.pk}"' in html
    assert f"#update-{pinned.pk}" in html
    assert 'name="token"' in html and "admin/live/desk.js" in html


def test_a_story_that_is_not_live_offers_to_run_it_as_live_coverage(editor_client):
    story = ArticleFactory()
    page = editor_client.get(desk(story))
    assert page.status_code == 200 and "Run as live coverage" in page.content.decode()
    start = reverse("admin:live_livecoverage_start", args=[story.pk])
    assert editor_client.get(start).status_code == 405
    response = editor_client.post(start)
    assert response.status_code == 302 and response["Location"] == desk(story)
    assert LiveCoverage.objects.get(pk=story.pk).ended_at is None
    # Posting to the desk of a story that is not live stores nothing.
    other = ArticleFactory()
    assert editor_client.post(desk(other), update(title="Lost")).status_code == 404


def test_a_desk_address_with_no_story_is_404(editor_client):
    missing = reverse("admin:live_livecoverage_desk", args=[10**6])
    assert editor_client.get(missing).status_code == 404
    assert editor_client.get(f"/admin/live/livecoverage/{'9' * 30}/desk/").status_code == 404


def test_the_story_editor_links_to_the_live_desk(editor_client):
    story = ArticleFactory()
    page = editor_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert f'href="{desk(story)}"' in page.content.decode()


# --- posting


def test_a_post_from_the_desks_script_answers_json_with_a_new_token_and_the_list(
    editor_client, coverage
):
    sent = update(title="Aftershock felt in İzmir", body="<p>Buildings evacuated.</p>")
    response = editor_client.post(desk(coverage), sent, **JSON)
    answer = response.json()
    assert response.status_code == 200 and answer["ok"]
    entry = LiveEntry.objects.get()
    assert entry.title == "Aftershock felt in İzmir" and entry.sequence == 1
    assert entry.posted_by == editor_client.user
    assert answer["token"] != sent["token"]
    assert "Aftershock felt in İzmir" in answer["entries"]
    assert answer["message"].startswith("Posted: Aftershock felt in İzmir")
    coverage.refresh_from_db()
    assert coverage.last_sequence == 1 and coverage.revision >= 1


def test_without_javascript_the_form_posts_and_comes_back_to_the_desk(editor_client, coverage):
    response = editor_client.post(desk(coverage), update(title="Roads closed"))
    assert response.status_code == 302 and response["Location"] == desk(coverage)
    page = editor_client.get(response["Location"]).content.decode()
    assert "Posted: Roads closed" in page
    assert LiveEntry.objects.get().title == "Roads closed"


def test_a_refused_update_comes_back_with_what_was_typed(editor_client, coverage):
    typed = update(title="T" * 201, body="<p>Keep this text</p>")
    response = editor_client.post(desk(coverage), typed)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not posted" in html and "at most 200 characters" in html
    assert "Keep this text" in html and 'value="' + "T" * 201 + '"' in html
    assert not LiveEntry.objects.exists()


def test_the_same_form_sent_twice_stores_one_update(editor_client, coverage):
    sent = update(title="Sent twice")
    first = editor_client.post(desk(coverage), sent, **JSON)
    second = editor_client.post(desk(coverage), sent, **JSON)
    no_script = editor_client.post(desk(coverage), sent)
    assert first.json()["ok"] and second.json()["ok"] and no_script.status_code == 302
    assert LiveEntry.objects.count() == 1
    coverage.refresh_from_db()
    assert coverage.last_sequence == 1


def test_the_author_chosen_last_is_offered_again(editor_client, coverage):
    reporter = AuthorFactory(name="Deniz Aydın")
    editor_client.post(desk(coverage), update(title="First", author=reporter.pk))
    assert editor_client.session[LAST_AUTHOR] == reporter.pk
    html = editor_client.get(desk(coverage)).content.decode()
    assert f'<option value="{reporter.pk}" selected>Deniz Aydın</option>' in html


def test_a_picture_and_an_embed_are_stored_with_the_update(editor_client, coverage):
    picture = ImageFactory()
    sent = update(image=picture.pk, embed_url="https://youtu.be/dQw4w9WgXcQ")
    assert editor_client.post(desk(coverage), sent, **JSON).json()["ok"]
    entry = LiveEntry.objects.get()
    assert entry.image == picture
    assert (entry.embed_provider, entry.embed_id) == ("youtube", "dQw4w9WgXcQ")


def test_pinning_an_update_unpins_the_previous_one(editor_client, coverage):
    old = post(coverage, title="Old summary", is_pinned=True)
    editor_client.post(desk(coverage), update(title="New summary", is_pinned="on"), **JSON)
    old.refresh_from_db()
    assert not old.is_pinned
    assert LiveEntry.objects.get(is_pinned=True).title == "New summary"


# --- the coverage's state


def test_an_ended_coverage_says_so_offers_reopen_and_still_takes_a_final_note(
    editor_client, coverage
):
    editor_client.post(reverse("admin:live_livecoverage_end", args=[coverage.pk]))
    coverage.refresh_from_db()
    assert coverage.has_ended
    html = editor_client.get(desk(coverage)).content.decode()
    assert "This live coverage has ended" in html and "Reopen coverage" in html
    assert editor_client.post(desk(coverage), update(title="Final note"), **JSON).json()["ok"]
    assert LiveEntry.objects.get().title == "Final note"
    response = editor_client.post(reverse("admin:live_livecoverage_reopen", args=[coverage.pk]))
    assert response["Location"] == desk(coverage)
    coverage.refresh_from_db()
    assert coverage.ended_at is None


def test_ending_and_reopening_are_post_only_and_need_the_right(client, coverage):
    end = reverse("admin:live_livecoverage_end", args=[coverage.pk])
    client.force_login(editor())
    assert client.get(end).status_code == 405
    client.force_login(staff_without_live_rights())
    assert client.post(end).status_code == 403
    coverage.refresh_from_db()
    assert coverage.ended_at is None


# --- what the desk refuses, and what it cleans


def test_an_empty_update_is_refused_with_a_clear_message(editor_client, coverage):
    sent = update(title="   ", body="<p> </p>")
    response = editor_client.post(desk(coverage), sent, **JSON)
    assert response.status_code == 400
    answer = response.json()
    assert not answer["ok"] and "This update is empty" in answer["message"]
    assert "This update is empty" in answer["errors"]["__all__"][0]
    assert not LiveEntry.objects.exists()


def test_a_huge_update_is_refused_with_a_clear_message(editor_client, coverage):
    sent = update(body="<p>" + "deprem " * MAX_BODY_LENGTH + "</p>")
    answer = editor_client.post(desk(coverage), sent, **JSON).json()
    assert not answer["ok"]
    assert "An update is at most 20000 characters" in answer["errors"]["body"][0]
    assert not LiveEntry.objects.exists()


def test_hostile_html_is_cleaned_and_a_pasted_iframe_stays_removed(editor_client, coverage):
    body = (
        '<p onclick="steal()">Sağlık Bakanlığı: <script>alert(1)</script>'
        '<a href="javascript:alert(1)">link</a> مرحبا 🌍</p>'
        '<iframe src="https://evil.example/"></iframe><style>body{}</style>'
    )
    sent = update(title="<b>Hostile</b>' OR 1=1 --", body=body)
    assert editor_client.post(desk(coverage), sent, **JSON).json()["ok"]
    entry = LiveEntry.objects.get()
    assert entry.title == "<b>Hostile</b>' OR 1=1 --"  # plain text, escaped when shown
    for gone in ("<script", "onclick", "javascript:", "<iframe", "<style"):
        assert gone not in entry.body
    assert "Sağlık Bakanlığı" in entry.body and "مرحبا 🌍" in entry.body
    html = editor_client.get(desk(coverage)).content.decode()
    assert "<b>Hostile</b>" not in html and "&lt;b&gt;Hostile&lt;/b&gt;" in html


@pytest.mark.parametrize(
    "address",
    [
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        "https://example.org/video",
        "not an address",
    ],
)
def test_an_address_that_is_not_an_embed_is_refused(editor_client, coverage, address):
    answer = editor_client.post(desk(coverage), update(embed_url=address), **JSON).json()
    assert not answer["ok"] and "embed_url" in answer["errors"]
    assert not LiveEntry.objects.exists()


def test_an_embed_from_a_provider_we_do_not_know_gets_the_embeds_message(editor_client, coverage):
    sent = update(embed_url="https://example.org/video")
    answer = editor_client.post(desk(coverage), sent, **JSON).json()
    assert "This address is not a video or post we can embed" in answer["errors"]["embed_url"][0]


def test_a_tampered_token_is_a_form_error_not_a_500(editor_client, coverage):
    answer = editor_client.post(desk(coverage), update(token="x' OR 1=1"), **JSON).json()
    assert not answer["ok"] and "reload the desk" in answer["message"]


# --- cost


@pytest.mark.parametrize("entries", [10, 200])
def test_the_desk_page_runs_a_fixed_number_of_queries(
    editor_client, coverage, entries, django_assert_num_queries
):
    reporter = AuthorFactory()
    picture = ImageFactory()
    for number in range(entries):
        post(coverage, title=f"Update {number}", author=reporter, image=picture)
    session = editor_client.session
    session[LAST_AUTHOR] = reporter.pk
    session.save()
    # Session, user, the user's groups' and own rights, the coverage with its story, the newest
    # updates with their pictures and authors, the author offered in the picker.
    with django_assert_num_queries(7):
        response = editor_client.get(desk(coverage))
    assert response.status_code == 200
    assert response.content.decode().count('<li class="live-desk-entry') == min(
        entries, DESK_ENTRIES
    )


def test_the_post_runs_a_bounded_number_of_queries(
    editor_client, coverage, django_assert_max_num_queries
):
    for number in range(50):
        post(coverage, title=f"Update {number}")
    with django_assert_max_num_queries(20):
        assert editor_client.post(desk(coverage), update(title="One more"), **JSON).json()["ok"]
    assert LiveEntry.objects.order_by("-sequence").first().sequence == 51


# --- two editors at once


def test_a_number_taken_by_another_editor_meanwhile_is_retried_with_the_next(coverage, monkeypatch):
    """What SQLite (no row lock) can see: the coverage read before another editor's update
    landed. The first attempt takes a number already used; the retry takes the next one."""
    other = post(coverage, title="The other editor's update")
    stale = LiveCoverage.objects.get(pk=coverage.pk)
    stale.last_sequence = 0
    manager = LiveCoverage.objects
    real = manager.select_for_update
    reads = []

    class StaleOnce:
        def get(self, **lookup):
            reads.append(lookup)
            return stale if len(reads) == 1 else real().get(**lookup)

    monkeypatch.setattr(manager, "select_for_update", StaleOnce)
    mine = services.post_entry(coverage=coverage, title="Mine")
    assert len(reads) == 2
    assert (other.sequence, mine.sequence) == (1, 2)
    coverage.refresh_from_db()
    assert coverage.last_sequence == 2
