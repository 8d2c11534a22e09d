from django.http import HttpResponse
from django.urls import path

# A constant page of 30 KB (30,720 bytes), built once at import.
_PARAGRAPH = "<p>" + "The floor. " * 20 + "</p>\n"
_HEAD = "<!doctype html><html lang=en><title>floor</title><body>\n"
_TAIL = "</body></html>\n"
_FILL = 30 * 1024 - len(_HEAD) - len(_TAIL)
BODY = (_HEAD + (_PARAGRAPH * (_FILL // len(_PARAGRAPH) + 1))[:_FILL] + _TAIL).encode()


def floor(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", floor)]
