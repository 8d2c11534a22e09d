"""The site's URLs plus the floor: a bare Django view returning a constant response.

Served by the same gunicorn with the same middleware, it is what the framework costs per request;
the reader pages are reported as a share of it.
"""

from django.http import HttpResponse
from django.urls import path

from newsportal.pagecache import never_page_cached
from newsportal.urls import urlpatterns as site_urlpatterns

FLOOR = b"<!doctype html><title>floor</title><p>The floor.</p>"


@never_page_cached  # the floor is what one uncached Django response costs
def floor(request):
    return HttpResponse(FLOOR)


urlpatterns = [path("bench/floor/", floor, name="bench-floor"), *site_urlpatterns]
