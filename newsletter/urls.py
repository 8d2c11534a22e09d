from django.conf import settings
from django.urls import include, path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("newsletter/", views.signup_page, name="signup"),
    path("newsletter/subscribe/", views.subscribe, name="subscribe"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletter/archive/", views.DigestArchiveView.as_view(), name="archive"),
    path(
        "newsletter/archive/<str:edition>/",
        views.DigestDetailView.as_view(),
        name="digest-detail",
    ),
]

# Bounce and complaint webhooks of the email provider: <esp>/tracking/ (django-anymail). Without
# ANYMAIL_WEBHOOK_SECRET anymail would accept anyone's posts (and only warn), so a forged bounce
# could unsubscribe any address: the URLs exist only once the secret is set.
if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    urlpatterns += [path("newsletter/webhooks/", include("anymail.urls"))]
