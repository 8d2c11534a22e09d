from django.urls import path

from . import views

app_name = "accounts"

# Included at the site's root: /accounts/ belongs to allauth, the reader's own pages are under
# /account/.
urlpatterns = [
    path("account/delete/", views.delete_account, name="delete"),
    path("account/notifications/", views.update_notifications, name="notifications"),
    # Old addresses (comments app), kept working.
    path(
        "comments/account/delete/",
        views.moved(views.delete_account, to="accounts:delete"),
        name="delete-old",
    ),
    path(
        "comments/mine/notifications/",
        views.moved(views.update_notifications, to="comments:mine"),
        name="notifications-old",
    ),
]
