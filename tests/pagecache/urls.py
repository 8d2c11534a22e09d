"""The project's URLs plus a page with a form, to test the page cache's CSRF handling."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from newsportal.pagecache import never_page_cached, page_cached
from newsportal.urls import urlpatterns as project_urlpatterns

FORM_PAGE = engines["django"].from_string(
    '<form method="post" action="/pagecache-test/submit/">{% csrf_token %}'
    '<input name="email"></form><p>{{ marker }}</p>'
)


@page_cached
def form_page(request):
    return HttpResponse(FORM_PAGE.render({"marker": "form page"}, request))


@never_page_cached
def submit(request):
    return HttpResponse(f"got {request.POST.get('email', '')}")


test_patterns = (
    [path("form/", form_page, name="form"), path("submit/", submit, name="submit")],
    "pagecache_test",
)

urlpatterns = [path("pagecache-test/", include(test_patterns)), *project_urlpatterns]
