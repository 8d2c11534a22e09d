"""The day's digest in the admin: the Editors group prepares it, and an account that may only
look at it can neither send it nor send a test of it."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from newsletter.models import Delivery, Digest, DigestStory
from tests.factories import ArticleFactory
from tests.newsletter.factories import DigestFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:newsletter_digest_changelist")


@pytest.fixture
def digest():
    digest = DigestFactory()
    DigestStory.objects.create(digest=digest, article=ArticleFactory(), order=0)
    return digest


def staff_member(username, *, groups=(), permissions=()):
    user = User.objects.create_user(username, f"{username}@example.com", "pw", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return user


def test_the_editors_group_may_change_the_digest_and_its_stories(client, digest):
    client.force_login(staff_member("editor", groups=["Editors"]))
    page = client.get(reverse("admin:newsletter_digest_change", args=[digest.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    # The stories' order, and rows to add and delete stories, are editable.
    assert 'name="items-0-order"' in html and 'name="items-0-DELETE"' in html
    actions = client.get(CHANGELIST).content.decode()
    assert 'value="queue_for_sending"' in actions and 'value="send_test_to_me"' in actions


@pytest.mark.parametrize("action", ["queue_for_sending", "send_test_to_me"])
def test_an_account_that_may_only_view_digests_sends_nothing(client, digest, outbox, action):
    SubscriberFactory(consent=False)
    client.force_login(staff_member("viewer", permissions=["view_digest"]))
    assert client.get(CHANGELIST).status_code == 200

    response = client.post(CHANGELIST, {"action": action, "_selected_action": [digest.pk]})

    assert response.status_code == 200  # the list again, with "no action selected"
    assert Digest.objects.get().status == Digest.Status.DRAFT
    assert not Delivery.objects.exists()
    assert outbox == []
