import hashlib

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import DetailView, ListView

from articles.models import Article
from newsportal import ratelimit
from newsportal.cross_site import cross_site_posts_refused
from newsportal.pagecache import never_page_cached, page_cached
from newsportal.pagination import LenientPaginationMixin
from newsportal.proxy import client_ip
from newsportal.redirects import safe_next

from . import subscriptions, tokens
from .cache_keys import DIGESTS
from .forms import SubscribeForm
from .models import Digest, DigestStory, UnsubscribeEvent

# Queued, not yet sent: the worker sends it, and retries while the mail server is down.
SIGNUP_DONE_MESSAGE = (
    "Almost done: if this address is not subscribed yet, we are sending it an email with a link "
    "to confirm your subscription. It may take a few minutes to arrive; please check your inbox "
    "(and the spam folder)."
)
CONFIRM_MESSAGE = "Please check your address and press Subscribe once more to sign up."
RATE_LIMITED_MESSAGE = (
    "Too many sign-ups have come from your network in the last hour. Please try again later."
)


@page_cached
def signup_page(request):
    form = SubscribeForm(initial={"next": reverse("newsletter:signup")})
    return render(request, "newsletter/signup.html", {"form": form})


def confirm_subscribe(request):
    """The sign-up again, filled in, on a page with a token: for a browser that sent no Origin
    or Fetch Metadata headers with the box's post (newsportal/cross_site.py)."""
    form = SubscribeForm(request.POST)
    form.is_valid()  # shows what is still missing, and keeps what was typed
    return render(
        request,
        "newsletter/signup.html",
        {"form": form, "with_token": True, "confirm_message": CONFIRM_MESSAGE},
    )


@never_page_cached
@require_POST
@cross_site_posts_refused(confirm=confirm_subscribe)
def subscribe(request):
    form = SubscribeForm(request.POST)
    ip_address = client_ip(request)
    try:
        ratelimit.hit("newsletter-signup-ip", ip_address)
    except ratelimit.RateLimited:
        return render(
            request,
            "newsletter/signup.html",
            {"form": form, "error_message": RATE_LIMITED_MESSAGE, "with_token": True},
            status=429,
        )
    if not form.is_valid():
        return render(
            request, "newsletter/signup.html", {"form": form, "with_token": True}, status=400
        )
    email = form.cleaned_data["email"]
    next_url = safe_next(request, form.cleaned_data["next"], fallback=reverse("newsletter:signup"))
    # A few sign-ups per address per hour are plenty; more are ignored, with the same answer.
    if ratelimit.allowed("newsletter-signup-email", hashlib.sha256(email.encode()).hexdigest()):
        try:
            subscriptions.subscription_request(
                email=email,
                ip_address=ip_address,
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
                source_url=next_url,
                base_url=request.build_absolute_uri("/"),
            )
        except subscriptions.NewsletterUnavailable:
            return render(
                request,
                "newsletter/signup.html",
                {
                    "form": form,
                    "error_message": "Sign-ups are closed for a moment. Please try again later.",
                    "with_token": True,
                },
                status=503,
            )
    messages.success(request, SIGNUP_DONE_MESSAGE)
    return redirect(next_url)


@never_page_cached
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows one button; only the POST confirms, so link-following mail scanners cannot."""
    if request.method == "GET":
        try:
            tokens.read_confirmation_token(token)
            valid = True
        except tokens.InvalidToken:
            valid = False
        return render(
            request, "newsletter/confirm.html", {"valid": valid}, status=200 if valid else 400
        )
    outcome = subscriptions.subscription_confirm(
        token=token,
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    return render(
        request,
        "newsletter/confirmed.html",
        {"outcome": outcome},
        status=200 if outcome.ok else 400,
    )


@never_page_cached
@csrf_exempt  # RFC 8058: mail providers POST here without a CSRF token; the signed token is proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = subscriptions.subscriber_from_unsubscribe_token(token)
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    if request.method == "GET":
        return render(
            request,
            "newsletter/unsubscribe.html",
            {"subscriber": subscriber},
            status=200 if subscriber else 400,
        )
    if subscriber is None:
        if one_click:
            return HttpResponse("Invalid unsubscribe link.", status=400, content_type="text/plain")
        return render(request, "newsletter/unsubscribe.html", {"subscriber": None}, status=400)
    method = UnsubscribeEvent.Method.ONE_CLICK if one_click else UnsubscribeEvent.Method.LINK
    subscriptions.unsubscribe(subscriber=subscriber, method=method)
    if one_click:
        return HttpResponse("Unsubscribed.", content_type="text/plain")
    return render(request, "newsletter/unsubscribed.html")


class DigestArchiveView(LenientPaginationMixin, ListView):
    page_cache = True
    surrogate_keys = (DIGESTS,)  # a digest sent enters the archive
    template_name = "newsletter/digest_archive.html"
    context_object_name = "digests"
    paginate_by = 30

    def get_queryset(self):
        return Digest.objects.published().only("edition", "subject")


class DigestDetailView(DetailView):
    page_cache = True
    template_name = "newsletter/digest_detail.html"
    context_object_name = "digest"

    def get_object(self, queryset=None):
        try:
            edition = parse_date(self.kwargs["edition"][:10])
        except ValueError:  # well-formed but impossible, such as 2026-02-30
            edition = None
        if edition is None:
            raise Http404("No such digest")
        # A story unpublished since the digest went out drops out of the archive too.
        items = DigestStory.objects.filter(article__in=Article.objects.published()).select_related(
            "article__section", "article__source", "article__hero_image", "article__discussion"
        )
        return get_object_or_404(
            Digest.objects.published().prefetch_related(Prefetch("items", queryset=items)),
            edition=edition,
        )
