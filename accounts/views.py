from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from comments import services as comments_services
from newsportal.pagecache import never_page_cached

from . import services
from .forms import DeleteAccountForm, NotificationsForm


@never_page_cached
@require_POST
@login_required
def update_notifications(request):
    form = NotificationsForm(request.POST)
    if form.is_valid():
        comments_services.set_notify_on_reply(
            user=request.user, notify_on_reply=form.cleaned_data["notify_on_reply"]
        )
        messages.success(request, "Your email settings are saved.")
    # The setting is shown on the reader's comments page.
    return redirect("comments:mine")


@never_page_cached
@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request):
    """GET: the confirmation page. POST: delete (see services.account_delete for what happens)."""
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user, remove_comments=form.cleaned_data["remove_comments"])
        messages.success(request, "Your account has been deleted.")
        return redirect("articles:home")
    return render(request, "accounts/delete_account.html", {"form": form})


def moved(view, *, to):
    """An address from before accounts had their own app (it was under /comments/).

    A GET is sent to ``to`` for good (bookmarks, links in old emails); a POST, from a page still
    open since then, is handled by ``view`` as at the new address, so nothing the reader did
    is lost.
    """

    @never_page_cached
    @require_http_methods(["GET", "HEAD", "POST"])
    def legacy(request):
        if request.method == "POST":
            return view(request)
        return redirect(to, permanent=True)

    return legacy
