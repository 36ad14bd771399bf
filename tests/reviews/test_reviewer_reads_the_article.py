"""What a clinical reviewer, who may read an article but not edit it, sees on its page
in the admin."""

import pytest

from tests.reviews.admin_forms import change_url
from tests.reviews.test_stale_translations import a_moment_later

pytestmark = pytest.mark.django_db


def reviewer_reads(client, settings, article, body_lt):
    """The article's page as the reviewer opens it after the Lithuanian body changed."""
    article.body_lt = body_lt
    article.save()
    return client.get(change_url(settings, article)).content.decode()


def test_the_reviewer_reads_the_body_formatted_not_as_tags(reviewer_client, settings, article):
    body = "<h2>Kas tai?</h2><p>Raumuo <strong>įsitempęs</strong>.</p>"
    content = reviewer_reads(reviewer_client, settings, article, body)
    assert "<strong>įsitempęs</strong>" in content
    assert "&lt;strong&gt;" not in content


def test_the_reviewer_reads_faq_answers_formatted(reviewer_client, settings, article):
    content = reviewer_client.get(change_url(settings, article)).content.decode()
    assert "<p>Dauguma žmonių jaučia tik trumpą dūrį.</p>" in content
    assert "&lt;p&gt;" not in content


def test_what_the_reviewer_reads_is_sanitised_again(reviewer_client, settings, article):
    # Stored without the model's save (as a careless import might): still no script.
    type(article).objects.filter(pk=article.pk).update(
        body_lt='<p>Tekstas</p><script>alert("x")</script>'
    )
    content = reviewer_client.get(change_url(settings, article)).content.decode()
    assert 'alert("x")' not in content


def test_the_reviewer_is_not_offered_the_translations_checked_box(
    reviewer_client, settings, article
):
    a_moment_later(article)
    content = reviewer_reads(reviewer_client, settings, article, "<p>Naujas tekstas.</p>")
    assert "Body (EN) is older than the LT text." in content
    assert "Translations checked" not in content


def test_editors_still_edit_the_body_in_the_editor(editor_client, settings, article):
    response = editor_client.get(change_url(settings, article))
    assert "body_lt" in response.context["adminform"].form.fields
