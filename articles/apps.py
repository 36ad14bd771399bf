from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    """Patient-education articles: topics, articles, FAQ; their pages, search, feeds."""

    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from articles.models import Article, FAQItem, Topic
        from clinic import page_cache

        page_cache.invalidate_on_change(Article, Topic, FAQItem)
        # Pages that list an article scheduled for later expire when it appears.
        page_cache.expires_at(Article.objects.next_publish_at)
