"""Times are 24-hour and dates day-first across the admin, as on the reader pages."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_story_list_and_editor_show_24_hour_times_and_day_first_dates(admin_client, settings):
    evening = datetime(2026, 5, 27, 20, 35, tzinfo=ZoneInfo(settings.TIME_ZONE))
    story = ArticleFactory(published_at=evening)
    listing = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "27 May 2026, 20:35" in listing
    assert "p.m." not in listing
    editor = admin_client.get(reverse("admin:articles_article_change", args=[story.pk]))
    html = editor.content.decode()
    assert 'value="27/05/2026"' in html and 'value="20:35:00"' in html


def test_the_editor_accepts_day_first_dates():
    from django.contrib.admin.widgets import AdminSplitDateTime
    from django.forms import SplitDateTimeField

    field = SplitDateTimeField(widget=AdminSplitDateTime)  # what the admin gives published_at
    value = field.clean(["27/05/2026", "20:35"])
    assert (value.day, value.month, value.hour, value.minute) == (27, 5, 20, 35)
