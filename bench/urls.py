"""The site's URLs plus the floor: the cheapest page Django can serve through the
same middleware, the yardstick the real pages are measured against."""

from django.http import HttpResponse
from django.urls import path

from clinic_site.urls import handler400  # noqa: F401 (the site's error pages too)
from clinic_site.urls import urlpatterns as site_urlpatterns

FLOOR_PATH = "bench/floor/"


def floor(request):
    return HttpResponse("floor\n", content_type="text/plain")


urlpatterns = [path(FLOOR_PATH, floor, name="bench-floor"), *site_urlpatterns]
