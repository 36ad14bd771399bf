import pytest
from django.contrib.auth.models import Group, User

from feedback.models import PageFeedback
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, db):
    editor = User.objects.create_user("editor", password="a-long-password-123", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(editor)
    return client


def answers(article, yes, no, language="lt"):
    for helpful, count in ((True, yes), (False, no)):
        for _ in range(count):
            PageFeedback.objects.create(article=article, language=language, helpful=helpful)


def change_form(client, settings, article):
    return client.get(f"/{settings.ADMIN_URL}articles/article/{article.pk}/change/")


def test_editors_see_the_counts_per_month_and_language_next_to_the_review(
    editor_client, settings, article
):
    answers(article, yes=3, no=1, language="lt")
    answers(article, yes=0, no=2, language="en")
    html = change_form(editor_client, settings, article).content.decode()
    assert "<td>LT</td><td>3</td><td>1</td>" in html
    assert "<td>EN</td><td>0</td><td>2</td>" in html
    assert f"feedback/pagefeedback/?article__id__exact={article.pk}" in html


def test_editors_read_the_comments(editor_client, settings, article):
    PageFeedback.objects.create(article=article, language="lt", helpful=False, comment="Trūko.")
    html = editor_client.get(f"/{settings.ADMIN_URL}feedback/pagefeedback/").content.decode()
    assert "Trūko." in html


def test_a_page_most_readers_found_unhelpful_is_flagged_for_review(
    editor_client, settings, article
):
    answers(article, yes=2, no=3)
    unflagged = ArticleFactory()
    answers(unflagged, yes=4, no=1)
    assert "review it soon" in change_form(editor_client, settings, article).content.decode()
    queue = editor_client.get(f"/{settings.ADMIN_URL}articles/article/?review=unhelpful")
    assert [a.pk for a in queue.context["cl"].result_list] == [article.pk]


def test_a_few_answers_do_not_flag_a_page(editor_client, settings, article):
    answers(article, yes=0, no=4)
    assert "review it soon" not in change_form(editor_client, settings, article).content.decode()
