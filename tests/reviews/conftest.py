import pytest
from django.contrib.auth.models import Group, User

from tests.articles.factories import ArticleFactory, FAQItemFactory
from tests.reviews.factories import ReviewerFactory


@pytest.fixture
def editor(db):
    user = User.objects.create_user(
        "editor", password="a-long-password-123", is_staff=True, first_name="Eglė"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def logged_in(client, user):
    # The admin speaks the browser's language; these tests read it in English.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, editor):
    return logged_in(client, editor)


@pytest.fixture
def reviewer(db):
    return ReviewerFactory()


@pytest.fixture
def reviewer_client(client, reviewer):
    return logged_in(client, reviewer)


@pytest.fixture
def article(clinic):
    article = ArticleFactory()
    FAQItemFactory(article=article)
    return article
