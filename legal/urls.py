from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("terms/", views.legal_document, {"kind": "terms"}, name="terms"),
    path("privacy/", views.legal_document, {"kind": "privacy"}, name="privacy"),
    path("legal/<str:kind>/<slug:version>/", views.legal_document, name="document-version"),
    # The path the guidelines had while they lived in the comments app: readers bookmarked it,
    # and emails sent since 2026 link to it.
    path("comments/guidelines/", views.guidelines, name="guidelines"),
    # The newsroom's own pages, edited in the admin under "Flat pages".
    path("about/", views.newsroom_page, {"url": "/about/"}, name="about"),
    path("contact/", views.newsroom_page, {"url": "/contact/"}, name="contact"),
    path("standards/", views.newsroom_page, {"url": "/standards/"}, name="standards"),
]
