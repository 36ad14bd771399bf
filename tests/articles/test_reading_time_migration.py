"""Articles stored before the reading time counted the FAQ get it counted on upgrade."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0006_topic_shows_get_help_now")]
AFTER = [("articles", "0007_reading_time_counts_faq")]


@pytest.fixture
def executor():
    yield MigrationExecutor(connection)
    # The tests after this one need the newest tables, whatever happened here.
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_upgrade_counts_the_questions_and_answers_of_stored_articles(executor):
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Topic = apps.get_model("articles", "Topic")
    Article = apps.get_model("articles", "Article")
    FAQItem = apps.get_model("articles", "FAQItem")
    topic = Topic.objects.create(name="Temos", name_lt="Temos", slug="temos", slug_lt="temos")
    article = Article.objects.create(
        topic=topic,
        title="Klausimai",
        title_lt="Klausimai",
        slug="klausimai",
        slug_lt="klausimai",
        summary_lt="Santrauka.",
        body_lt="<p>Įvadas.</p>",
        reading_minutes_lt=1,
    )
    FAQItem.objects.create(
        article=article, question_lt="Ar skauda?", answer_lt="<p>" + "žodis " * 500 + "</p>"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    Article = executor.loader.project_state(AFTER).apps.get_model("articles", "Article")
    assert Article.objects.get(pk=article.pk).reading_minutes_lt == 3
    # Deleted through SQL, so the search index's trigger forgets it before the flush.
    Article.objects.filter(pk=article.pk).delete()
