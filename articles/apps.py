from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
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
        post_migrate.connect(complete_search_index, sender=self)


def complete_search_index(using, verbosity=1, **kwargs):
    """After `migrate`: make the search index again if a part of it is missing. On
    SQLite, Django alters articles_article by copying it into a new table, which drops
    the triggers that keep the index current; any later migration may do so."""
    from articles import search_index

    connection = connections[using]
    if not search_index.is_indexable(connection):
        return  # migrated back to before the index, or not migrated yet
    if search_index.ensure_index(connection) and verbosity:
        print("  The article search index was made again.")
