"""The article's history read in the Lithuanian admin: what each save changed is named
as the form names it, not in English."""

import pytest

from tests.reviews.admin_forms import change_form_data, change_url

pytestmark = pytest.mark.django_db


def test_the_history_names_the_changed_fields_in_lithuanian(editor_client, settings, article):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lt"
    data = change_form_data(article, summary_lt="Nauja santrauka.", status="draft")
    assert editor_client.post(change_url(settings, article), data).status_code == 302
    html = editor_client.get(change_url(settings, article, "history/")).content.decode()
    assert "Santrauka [lt]" in html and "Būsena" in html
    assert "Summary [lt]" not in html and "Status" not in html
