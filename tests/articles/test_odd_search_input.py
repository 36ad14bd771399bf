"""Whatever a visitor types into search, the search page answers (SQLite and PostgreSQL)."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "\x00",
    "a\x00b",
    '"',
    '"unclosed',
    "*",
    "NEAR(",
    "a OR",
    "OR",
    "AND NOT",
    "^",
    ":",
    "()",
    "'",
    "%",
    "_",
    "\\",
    "-",
    "ž" * 300,
    "💉",
    "\u202e",
    "a" * 5000,
    "1e999",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
@pytest.mark.parametrize("language", ["lt", "en"])
def test_search_answers_whatever_is_typed(client, clinic, language, query):
    ArticleFactory()
    with translation.override(language):
        url = reverse("search:search")
    response = client.get(url, {"q": query})
    assert response.status_code == 200
