from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/<int:pk>/", views.ArticleDetailView.as_view(), name="article-short"),
    path("newsroom/preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="article-preview"),
    path("news/<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("section/<slug:slug>/", views.SectionDetailView.as_view(), name="section-detail"),
    path("tag/<slug:slug>/", views.TagDetailView.as_view(), name="tag-detail"),
    path("source/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"),
    path("author/<slug:slug>/", views.AuthorDetailView.as_view(), name="author-detail"),
]
