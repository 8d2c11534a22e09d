from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.post_comment, name="post"),
    path("<int:pk>/", views.thread, name="thread"),
    path("<int:pk>/report/", views.report_comment, name="report"),
    path("<int:pk>/delete/", views.delete_comment, name="delete"),
    path("mine/", views.my_comments, name="mine"),
]
