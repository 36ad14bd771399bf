import pytest

from tests.articles.factories import ArticleFactory


@pytest.fixture
def article(clinic):
    return ArticleFactory()
