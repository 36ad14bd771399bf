from django.contrib.sitemaps.views import sitemap
from django.urls import path

from articles.sitemaps import sitemaps
from clinic.page_cache import cache_public_page

urlpatterns = [
    path(
        "sitemap.xml",
        cache_public_page(sitemap),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
]
