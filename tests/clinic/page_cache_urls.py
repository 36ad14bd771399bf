"""Views for the page cache's tests: each answers how many times it has rendered."""

from itertools import count

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse, HttpResponseNotFound
from django.urls import path
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from clinic.page_cache import cache_public_page

renders = count()
missing_pages = []


def render(request):
    return HttpResponse(f"{get_language()} render {next(renders)}", content_type="text/plain")


def setting_a_cookie(request):
    response = render(request)
    response.set_cookie("seen", "yes")
    return response


def reading_the_session(request):
    request.session.get("seen")
    return render(request)


def missing(request):
    missing_pages.append(request.path)
    return HttpResponseNotFound("missing", content_type="text/plain")


urlpatterns = [
    path("unprefixed/", cache_public_page(render)),
    path("cookie/", cache_public_page(setting_a_cookie)),
    path("session/", cache_public_page(reading_the_session)),
    path("never/", never_cache(cache_public_page(render))),
    path("plain/", render),
    path("missing/", cache_public_page(missing)),
    *i18n_patterns(path("page/", cache_public_page(render))),
]
