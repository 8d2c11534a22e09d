"""django.contrib.admin with the newsroom's admin site (newsportal/admin_site.py).

Kept apart from the site itself: this module is imported while the apps load, before the auth
forms the site uses may be imported.
"""

from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsportal.admin_site.NewsroomAdminSite"
