from django.urls import path

from . import feeds, views

app_name = "live"

# The live page itself is the story's own address (articles:article-detail).
urlpatterns = [
    path("<int:article_id>/updates.json", views.updates, name="updates"),
    path("<int:article_id>/update/<int:entry_id>/", views.entry_permalink, name="entry"),
    path("<int:article_id>/feed/", feeds.LiveEntriesFeed(), name="feed"),
    path("<int:article_id>/feed/atom/", feeds.LiveEntriesAtomFeed(), name="feed-atom"),
]
