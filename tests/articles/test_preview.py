import pytest
from django.contrib.auth.models import Group, User

from tests.articles.factories import ArticleFactory
from tests.articles.pages import element, switcher_links, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(clinic):
    return ArticleFactory(draft=True, title_en="Work in progress")


def test_a_draft_is_not_on_the_site(client, draft):
    assert client.get(f"/en/articles/{draft.slug_en}/").status_code == 404


def test_an_editor_previews_a_draft_never_cached(client, draft):
    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(url("articles:preview", "en", pk=draft.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert element(html, "h1")["text"] == "Work in progress"
    assert "Patients cannot see this article yet" in html
    assert element(html, "meta", name="robots")["attrs"]["content"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_a_visitor_is_sent_to_log_in_before_a_preview(client, draft, settings):
    response = client.get(url("articles:preview", "en", pk=draft.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/{settings.ADMIN_URL}login/")


def test_staff_without_article_permissions_cannot_preview(client, draft):
    client.force_login(User.objects.create_user("reception", is_staff=True))
    assert client.get(url("articles:preview", "en", pk=draft.pk)).status_code == 403


def test_preview_switcher_stays_on_the_preview(client, draft):
    client.force_login(User.objects.create_superuser("boss"))
    html = client.get(url("articles:preview", "lt", pk=draft.pk)).content.decode()
    assert switcher_links(html) == {"en": url("articles:preview", "en", pk=draft.pk)}


def test_a_draft_without_a_topic_can_be_previewed(client, clinic):
    draft = ArticleFactory(draft=True, topic=None, title_en="No topic yet")
    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(url("articles:preview", "en", pk=draft.pk))
    assert response.status_code == 200
    assert element(response.content.decode(), "h1")["text"] == "No topic yet"
