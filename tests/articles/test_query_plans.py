"""The reading pages' queries go through an index, so that they read the same few rows
with ten articles or ten thousand. bench/ measures the time; these tests keep the plans."""

import pytest
from django.db import connection
from django.utils import translation

from articles import search_index
from articles.models import Article
from articles.search_text import Query
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


@pytest.mark.parametrize("query", ["skausmas", "skausmas peties", "p"])
def test_search_reads_the_search_index(query_plan, query):
    sql, params = search_index.search_sql(connection, Query(query, "lt"), "published")
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        plan = "\n".join(str(row) for row in cursor.fetchall())
    if connection.vendor == "sqlite":
        # Both groups read the full-text index (newest first, no sort), then by id.
        assert plan.count("VIRTUAL TABLE INDEX") == 2
        assert "SCAN a\n" not in plan + "\n" and "SCAN a)" not in plan
    else:
        # Through an index (which one depends on the counts; bench/search_costs.py
        # keeps the plans at 10,000 articles), never reading the whole table.
        assert "Index" in plan
        assert "Seq Scan" not in plan
