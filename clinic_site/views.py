"""The site's own pages, assembled above the apps: the home page (which shows the
articles app's topics and featured articles), robots.txt, the favicon and /healthz."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from articles.models import Article, Topic
from clinic.page_cache import cache_public_page


@method_decorator(cache_public_page, name="dispatch")
class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            featured_articles=Article.objects.published().featured().for_listing(),
            topics=Topic.objects.all(),
            **kwargs,
        )


@method_decorator(cache_public_page, name="dispatch")
class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain"
    # Without it the template's "Disallow: /{{ admin_url }}" would shut out the whole site.
    extra_context = {"admin_url": settings.ADMIN_URL}


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page names (the admin names none)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@never_cache
def healthz(request):
    """200 when the database answers, for a load balancer's health check."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
