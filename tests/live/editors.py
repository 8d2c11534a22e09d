"""People and stories of the live desk's tests: an editor (the Editors group, as in the
newsroom), a staff member without the live rights, and a story running as live coverage."""

from django.contrib.auth.models import Group, User

from live import services
from tests.factories import ArticleFactory


def editor(username="editor"):
    user = User.objects.create_user(username, f"{username}@example.com", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def staff_without_live_rights(username="intern"):
    return User.objects.create_user(username, f"{username}@example.com", "pw", is_staff=True)


def live_story(**article_fields):
    """A published story and its running live coverage."""
    return services.start_coverage(ArticleFactory(**article_fields))


def post(coverage, title="An update", **fields):
    return services.post_entry(coverage=coverage, title=title, **fields)
