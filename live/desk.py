"""The live desk: the newsroom's page for posting updates to a story's live coverage.

A short form beside the newest updates (admin:live_livecoverage_desk). The desk's script
(static/admin/live/desk.js) posts it with fetch and asks for JSON: the editor stays on the page,
the form is cleared for the next update and the list refreshed. Without JavaScript the same form
posts normally and comes back to the desk (post/redirect/get). Starting, ending and reopening the
coverage are small POST-only views. Every change goes through live.services.
"""

from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from newsportal.admin_forms import storable

from . import services
from .forms import DeskForm
from .models import LiveCoverage, LiveEntry

# The newest updates shown beside the form; older ones are on the updates' admin list.
DESK_ENTRIES = 20
# The author an editor chose last, offered again on their next update (kept in their session).
LAST_AUTHOR = "live_desk_author"


def desk_url(article_id) -> str:
    return reverse("admin:live_livecoverage_desk", args=[article_id])


def _coverage_or_404(article_id):
    if not storable(LiveCoverage._meta.pk, article_id):
        raise Http404("No such story")
    return LiveCoverage.objects.select_related("article").filter(pk=article_id).first()


def desk_view(model_admin, request, article_id):
    if not model_admin.has_desk_permission(request):
        raise PermissionDenied
    coverage = _coverage_or_404(article_id)
    if coverage is None:
        if request.method == "POST":
            raise Http404("This story is not live coverage: start it first.")
        return _not_live_page(model_admin, request, article_id)
    form_class = desk_form_class(model_admin, request)
    wants_json = "application/json" in request.headers.get("Accept", "")
    if request.method == "POST":
        form = form_class(request.POST, instance=LiveEntry(coverage=coverage))
        entry = _post(form, coverage=coverage, user=request.user)
        if entry is not None:
            request.session[LAST_AUTHOR] = entry.author_id
            message = f"Posted: {entry} ({timezone.localtime(entry.posted_at):%H:%M})."
            if wants_json:
                return JsonResponse(
                    {
                        "ok": True,
                        "message": message,
                        "token": services.new_submission_token(),
                        "entries": _entries_html(request, coverage),
                    }
                )
            messages.success(request, message)
            return redirect(desk_url(coverage.pk))
        if wants_json:
            return JsonResponse(
                {
                    "ok": False,
                    "message": "Not posted: " + " ".join(_all_messages(form)),
                    "errors": {
                        field or "__all__": [error["message"] for error in errors]
                        for field, errors in form.errors.get_json_data().items()
                    },
                },
                status=400,
            )
    else:
        form = form_class(
            initial={
                "token": services.new_submission_token(),
                "author": request.session.get(LAST_AUTHOR),
            }
        )
    return _desk_page(model_admin, request, coverage, form)


def desk_form_class(model_admin, request):
    """DeskForm with the admin's pickers (search as you type, and "+" to upload a picture)."""
    entry_admin = model_admin.admin_site._registry[LiveEntry]
    return forms.modelform_factory(
        LiveEntry,
        form=DeskForm,
        fields=DeskForm.Meta.fields,
        formfield_callback=partial(entry_admin.formfield_for_dbfield, request=request),
    )


def _post(form, *, coverage, user):
    """The stored entry, or None with the reasons on the form."""
    if not form.is_valid():
        return None
    try:
        return services.post_entry(
            coverage=coverage, user=user, token=form.cleaned_data["token"], **form.entry_fields()
        )
    except services.LiveError as error:
        form.add_error(None, str(error))
        return None


def _all_messages(form):
    labels = {name: field.label for name, field in form.fields.items()}
    return [
        f"{labels[field]}: {error}" if field in labels and field != "token" else str(error)
        for field, errors in form.errors.items()
        for error in errors
    ]


def _entries_context(request, coverage):
    # One more than shown tells whether there are others (``last_sequence`` cannot: it counts
    # deleted updates, and the row in hand may predate the post just made).
    rows = list(coverage.entries.select_related("author").order_by("-sequence")[: DESK_ENTRIES + 1])
    return {
        "coverage": coverage,
        "entries": rows[:DESK_ENTRIES],
        "has_more": len(rows) > DESK_ENTRIES,
        "reader_url": coverage.article.get_absolute_url(),
        "can_change": request.user.has_perm("live.change_liveentry"),
        "can_delete": request.user.has_perm("live.delete_liveentry"),
    }


def _entries_html(request, coverage):
    return render_to_string(
        "admin/live/_desk_entries.html", _entries_context(request, coverage), request=request
    )


def _desk_page(model_admin, request, coverage, form):
    entry_admin = model_admin.admin_site._registry[LiveEntry]
    context = {
        **model_admin.admin_site.each_context(request),
        **_entries_context(request, coverage),
        "opts": LiveCoverage._meta,
        "title": f"Live desk: {coverage.article.headline}",
        "subtitle": None,
        "form": form,
        "desk_url": desk_url(coverage.pk),
        "errors": _all_messages(form) if form.is_bound else [],
        "media": entry_admin.media + form.media + forms.Media(js=["admin/live/desk.js"]),
        "can_change_coverage": model_admin.has_change_permission(request, coverage),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/live/desk.html", context)


def _not_live_page(model_admin, request, article_id):
    article = get_object_or_404(Article.objects.only("pk", "headline"), pk=article_id)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": LiveCoverage._meta,
        "title": f"Live desk: {article.headline}",
        "subtitle": None,
        "article": article,
        "can_start": model_admin.has_add_permission(request),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/live/not_live.html", context)


def start_view(model_admin, request, article_id):
    """Run a story as live coverage, from now (or reopen it if it had ended)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if not storable(Article._meta.pk, article_id):
        raise Http404("No such story")
    article = get_object_or_404(Article, pk=article_id)
    services.start_coverage(article)
    messages.success(request, f"“{article.headline}” is now live coverage.")
    return redirect(desk_url(article.pk))


def end_view(model_admin, request, article_id):
    return _change_state(model_admin, request, article_id, end=True)


def reopen_view(model_admin, request, article_id):
    return _change_state(model_admin, request, article_id, end=False)


def _change_state(model_admin, request, article_id, *, end):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    coverage = _coverage_or_404(article_id)
    if coverage is None:
        raise Http404("This story is not live coverage.")
    if not model_admin.has_change_permission(request, coverage):
        raise PermissionDenied
    if end:
        services.end_coverage(coverage)
        message = "The live coverage has ended: readers see “This live coverage has ended”."
    else:
        services.reopen_coverage(coverage)
        message = "The live coverage is running again."
    messages.success(request, message)
    return redirect(desk_url(coverage.pk))
