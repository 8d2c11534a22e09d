from django.contrib.flatpages.views import flatpage
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from newsportal.pagecache import page_cached

from .models import Guidelines, LegalDocument


@page_cached
def legal_document(request, kind, version=None):
    if kind not in LegalDocument.Kind.values:
        raise Http404("No such document")
    documents = LegalDocument.objects.filter(kind=kind)
    if version is None:
        document = get_object_or_404(documents.current())
    else:
        document = get_object_or_404(documents, version=version)
    return render(request, "legal/legal_document.html", {"document": document})


@page_cached
@require_GET
def guidelines(request):
    return render(
        request,
        "legal/guidelines.html",
        {
            "guidelines": Guidelines.objects.current().first(),
            "versions": Guidelines.objects.all()[:20],
        },
    )


# The newsroom's standing pages (About us, Contact, Editorial standards) are Django flatpages,
# which editors change in the admin; cached like every reader page.
newsroom_page = page_cached(flatpage)
