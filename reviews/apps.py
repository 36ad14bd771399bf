from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """Clinical governance of the articles: revisions, sign-offs, the review cycle and
    stale-translation marks (see docs/articles.md)."""

    name = "reviews"
    verbose_name = _("Clinical review")

    def ready(self):
        from clinic import page_cache
        from reviews import freshness, revisions
        from reviews.models import SignOff

        revisions.register_articles()
        freshness.connect_signals()
        # The article page shows its latest sign-off.
        page_cache.invalidate_on_change(SignOff)
