"""The reading pages' queries go through an index, so that they read the same few rows
with ten articles or ten thousand. bench/ measures the time; these tests keep the plans."""

import pytest
from django.db import connection
from django.utils import translation

from articles.models import Article
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def query_plan(clinic):
    ArticleFactory.create_batch(3)
    if connection.vendor == "postgresql":
        # With a handful of rows a table scan is cheapest; this asks which index
        # PostgreSQL would use once the table is large.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")

    def plan(queryset):
        with translation.override("lt"):
            return queryset.explain()

    return plan


def test_the_article_list_reads_the_newest_published_articles_from_an_index(query_plan):
    assert "published_newest" in query_plan(Article.objects.published().for_listing()[:10])


def test_the_home_page_reads_only_featured_articles(query_plan):
    assert "featured_published" in query_plan(Article.objects.published().featured())


def test_search_reads_the_search_index(query_plan):
    assert "articles_article_search" in query_plan(Article.objects.search("skausm"))
