"""The site's URLs.

Reading pages live under a language prefix (/lt/..., /en/...) with translated path
segments; LocaleMiddleware redirects / to the visitor's language. The admin, the health
check, robots.txt and the sitemap stay outside the prefixes.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from django.views.static import serve

from clinic_site import admin_pages
from clinic_site import views as site_views

admin.site.site_header = admin.site.site_title = _("Clinic website administration")
handler403 = admin_pages.permission_denied
# A request the site cannot read: a short page in the visitor's language.
handler400 = "clinic.bad_requests.bad_request"

urlpatterns = [
    # Two-factor sign-in pages, under the admin's address (see staff_auth/).
    path(f"{settings.ADMIN_URL}two-factor/", include("staff_auth.urls")),
    # The admin's language switch; its cookie is set for the admin's path alone.
    path(f"{settings.ADMIN_URL}language/", set_language, name="admin_language"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", site_views.healthz, name="healthz"),
    path("favicon.ico", site_views.favicon),
    path("robots.txt", site_views.RobotsView.as_view(), name="robots"),
    path("", include("articles.sitemap_urls")),
]

urlpatterns += i18n_patterns(
    path("", site_views.HomeView.as_view(), name="home"),
    path(_("articles/"), include("articles.urls")),
    path(_("search/"), include("articles.search_urls")),
    # "Was this page helpful?": posted from the end of each article (feedback/views.py).
    path(_("feedback/"), include("feedback.urls")),
    # registration/ (the form) and privacy/ (the privacy notice): see registration/urls.py.
    path("", include("registration.urls")),
)

if settings.SERVE_MEDIA:
    # Development and single-server trials only; see SERVE_MEDIA in settings.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
