import re

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone, translation

from articles.models import Article
from tests.articles.factories import ArticleFactory, TopicFactory, png_upload
from tests.articles.pages import url, url_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="a-long-password-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    # The admin speaks the browser's language; these tests read it in English.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(editor)
    return client


def article_form(topic, **fields):
    now = timezone.localtime()
    data = {
        "title_lt": "Naujas straipsnis apie žastą",
        "title_en": "",
        "slug_lt": "",
        "slug_en": "",
        "summary_lt": "Santrauka.",
        "summary_en": "",
        "body_lt": "<h2>Įvadas</h2><p>Tekstas.</p>",
        "body_en": "",
        "image_alt_lt": "",
        "image_alt_en": "",
        "status": "published",
        "publish_at_0": now.strftime("%Y-%m-%d"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "topic": topic.pk,
        "order": 0,
        "faq_items-TOTAL_FORMS": 1,
        "faq_items-INITIAL_FORMS": 0,
        "faq_items-MIN_NUM_FORMS": 0,
        "faq_items-MAX_NUM_FORMS": 1000,
        "faq_items-0-question_lt": "Ar galima plaukioti?",
        "faq_items-0-question_en": "",
        "faq_items-0-answer_lt": "<p>Po dienos.</p>",
        "faq_items-0-answer_en": "",
        "faq_items-0-order": 0,
    }
    return data | fields


def test_editors_can_manage_articles_topics_and_questions(editor):
    for model in ("article", "topic", "faqitem"):
        for action in ("add", "change", "delete", "view"):
            assert editor.has_perm(f"articles.{action}_{model}")


def test_editors_see_the_articles_their_reviews_and_feedback_and_the_clinic_details(
    editor_client, settings
):
    response = editor_client.get(f"/{settings.ADMIN_URL}")
    assert response.status_code == 200
    models = {
        (app["app_label"], model["object_name"])
        for app in response.context["app_list"]
        for model in app["models"]
    }
    assert {app for app, _model in models} == {"articles", "clinic", "reviews", "feedback"}
    assert {model for app, model in models if app == "clinic"} == {"ClinicDetails", "HelpNowItem"}


@pytest.mark.parametrize(
    "page", ["registration/privacynotice/", "auth/user/", "auth/group/", "registration/"]
)
def test_editors_cannot_open_other_parts_of_the_admin(editor_client, settings, page):
    response = editor_client.get(f"/{settings.ADMIN_URL}{page}")
    assert response.status_code in (403, 404)


def test_editor_adds_an_article_with_faq_in_the_admin(editor_client, settings):
    topic = TopicFactory()
    response = editor_client.post(
        f"/{settings.ADMIN_URL}articles/article/add/", article_form(topic)
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.slug_lt == "naujas-straipsnis-apie-zasta"
    assert article.body_lt == '<h2 id="ivadas">Įvadas</h2><p>Tekstas.</p>'
    with translation.override("lt"):
        assert list(Article.objects.search("plaukioti")) == [article]


def test_admin_refuses_an_image_without_a_description(editor_client, settings):
    topic = TopicFactory()
    response = editor_client.post(
        f"/{settings.ADMIN_URL}articles/article/add/", article_form(topic, image=png_upload())
    )
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in response.content.decode()
    assert not Article.objects.exists()


def test_admin_article_form_loads_no_script_from_elsewhere_and_allows_its_own(
    editor_client, settings
):
    response = editor_client.get(f"/{settings.ADMIN_URL}articles/article/add/")
    html = response.content.decode()
    sources = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/") and not source.startswith("//") for source in sources)
    assert any("vendor/jquery-ui/jquery-ui.min" in source for source in sources)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline)


def test_reading_pages_keep_the_strict_script_policy(client, clinic):
    policy = client.get(url("articles:list", "en"))["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";"
    assert "nonce" not in policy


def test_article_list_marks_missing_translations(editor_client, settings):
    ArticleFactory(lithuanian_only=True, title_lt="Neišverstas")
    html = editor_client.get(f"/{settings.ADMIN_URL}articles/article/").content.decode()
    assert "Missing: EN" in html


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("translation=en", ["Neišverstas"]),
        ("translation=complete", ["Išverstas"]),
    ],
)
def test_article_list_filters_by_translation(editor_client, settings, query, titles):
    ArticleFactory(lithuanian_only=True, title_lt="Neišverstas")
    ArticleFactory(title_lt="Išverstas")
    response = editor_client.get(f"/{settings.ADMIN_URL}articles/article/?{query}")
    assert [article.title_lt for article in response.context["cl"].result_list] == titles


def view_on_site_link(client, settings, article):
    html = client.get(f"/{settings.ADMIN_URL}articles/article/{article.pk}/change/").content
    return re.search(r'href="([^"]+)" class="viewsitelink"', html.decode()).group(1)


def test_view_on_site_of_a_draft_opens_its_preview(editor_client, settings):
    draft = ArticleFactory(draft=True)
    response = editor_client.get(view_on_site_link(editor_client, settings, draft), follow=True)
    assert response.request["PATH_INFO"].endswith(f"/preview/{draft.pk}/")


def test_view_on_site_of_a_published_article_opens_its_page(editor_client, settings):
    article = ArticleFactory()
    response = editor_client.get(view_on_site_link(editor_client, settings, article), follow=True)
    assert response.request["PATH_INFO"] in {url_of(article, "lt"), url_of(article, "en")}


def test_publish_action_publishes_the_selected_drafts(editor_client, settings):
    draft = ArticleFactory(draft=True)
    editor_client.post(
        f"/{settings.ADMIN_URL}articles/article/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


def admin_url(settings, path):
    return f"/{settings.ADMIN_URL}articles/article/{path}"


def test_a_draft_is_saved_without_a_topic(editor_client, settings):
    form = article_form(TopicFactory(), status="draft") | {"topic": ""}
    response = editor_client.post(admin_url(settings, "add/"), form)
    assert response.status_code == 302
    assert Article.objects.get().topic is None


def test_publishing_needs_a_topic(editor_client, settings):
    form = article_form(TopicFactory(), status="published") | {"topic": ""}
    response = editor_client.post(admin_url(settings, "add/"), form)
    assert response.status_code == 200
    assert "Choose a topic before publishing." in response.content.decode()
    assert not Article.objects.exists()


def test_publish_action_leaves_a_draft_without_a_topic_and_says_so(editor_client, settings):
    draft = ArticleFactory(draft=True, topic=None)
    response = editor_client.post(
        admin_url(settings, ""), {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert "Not published, as they have no topic yet" in response.content.decode()


def test_an_image_narrower_than_1200_px_is_refused_in_the_editors_language(editor_client, settings):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lt"
    form = article_form(TopicFactory(), image=png_upload(size=(600, 400)))
    response = editor_client.post(admin_url(settings, "add/"), form)
    assert response.status_code == 200
    assert "Šio paveikslėlio plotis – 600 px." in response.content.decode()
    assert "Aprašykite paveikslėlį" not in response.content.decode()  # one problem at a time
    assert not Article.objects.exists()


def test_a_chosen_image_lost_to_another_error_is_reported(editor_client, settings):
    form = article_form(TopicFactory(), image=png_upload(), image_alt_lt="Vaizdas", summary_lt="")
    response = editor_client.post(admin_url(settings, "add/"), form)
    assert response.status_code == 200
    assert "The image you chose was not saved" in response.content.decode()


def test_deleting_an_article_does_not_list_its_links_to_related_articles(editor_client, settings):
    article = ArticleFactory()
    article.related.set([ArticleFactory()])
    content = editor_client.get(admin_url(settings, f"{article.pk}/delete/")).content.decode()
    assert "relationship" not in content
    assert "Article_related" not in content


def test_the_article_form_brings_the_translation_mode_and_writing_tools(editor_client, settings):
    content = editor_client.get(admin_url(settings, "add/")).content.decode()
    assert "articles/admin/side_by_side" in content
    assert "articles/admin/writing_tools" in content
    assert 'data-words-per-minute="200"' in content
