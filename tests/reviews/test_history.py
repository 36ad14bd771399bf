import pytest
from reversion.models import Version

from reviews import revisions
from tests.reviews.admin_forms import change_form_data, change_url

pytestmark = pytest.mark.django_db

NEW_BODY_LT = "<h2>Kas tai yra?</h2><p>Trigerinis taškas – kietas raumens mazgas.</p>"


def save_in_admin(client, settings, article, **changes):
    response = client.post(change_url(settings, article), change_form_data(article, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()


def test_every_admin_save_is_kept_with_who_and_the_faq(editor_client, editor, settings, article):
    save_in_admin(editor_client, settings, article, title_en="Upper arm pain, revised")
    versions = revisions.versions_of(article)
    assert versions.count() == 1
    revision = versions.get().revision
    assert revision.user == editor
    kept = {version.content_type.model for version in revision.version_set.all()}
    assert kept == {"article", "faqitem"}


def test_history_lists_each_version_with_compare_and_restore_links(
    editor_client, settings, article
):
    save_in_admin(editor_client, settings, article, title_en="First change")
    save_in_admin(editor_client, settings, article, title_en="Second change")
    html = editor_client.get(change_url(settings, article, "history/")).content.decode()
    assert html.count("Restore this version") == 2
    assert html.count("with the version before") == 2
    assert "Never signed off." in html


def test_diff_shows_words_added_and_removed_per_field_and_language(
    editor_client, settings, article
):
    save_in_admin(editor_client, settings, article)
    first = revisions.latest_revision(article)
    save_in_admin(editor_client, settings, article, body_lt=NEW_BODY_LT)
    second = revisions.latest_revision(article)
    response = editor_client.get(
        change_url(settings, article, f"compare/?old={first.pk}&new={second.pk}")
    )
    diffs = response.context["diffs"]
    assert [(d.field, d.language) for d in diffs] == [("body", "lt")]
    assert "<ins>kietas</ins>" in str(diffs[0].html)
    assert "<del>įtemptas</del>" in str(diffs[0].html)
    assert diffs[0].added >= 1 and diffs[0].removed >= 1
    assert "Body (LT)" in response.content.decode()


def test_diff_includes_the_faq(editor_client, settings, article):
    save_in_admin(editor_client, settings, article)
    first = revisions.latest_revision(article)
    save_in_admin(
        editor_client, settings, article, **{"faq_items-0-answer_en": "<p>It stings.</p>"}
    )
    response = editor_client.get(change_url(settings, article, f"compare/?old={first.pk}"))
    assert [(d.field, d.language) for d in response.context["diffs"]] == [("answer", "en")]


def test_restoring_an_older_version_brings_back_its_text(editor_client, settings, article):
    save_in_admin(editor_client, settings, article, title_en="Old title")
    save_in_admin(editor_client, settings, article, title_en="New title")
    old_version = Version.objects.get_for_object(article).last()
    restore_url = change_url(settings, article, f"history/{old_version.pk}/")
    form = editor_client.get(restore_url)
    assert 'value="Old title"' in form.content.decode()
    article.refresh_from_db()
    assert article.title_en == "New title"  # nothing changes until the form is saved
    editor_client.post(restore_url, change_form_data(article, title_en="Old title"))
    article.refresh_from_db()
    assert article.title_en == "Old title"
