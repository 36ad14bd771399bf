"""Whatever a visitor puts in the address, the form still opens (clinic/visitor_input.py)."""

import pytest
from django.urls import reverse
from django.utils import translation

from clinic.visitor_input import object_id
from tests.articles.factories import ArticleFactory
from tests.registration.factories import FormDataFactory

pytestmark = pytest.mark.django_db

ODD_VALUES = ["²", "١٢", "-1", "0", "1.5", " 1", "1\n", "9" * 19, "9" * 40, "%00", "abc", ""]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_form_opens_whatever_the_article_value(client, clinic, value):
    with translation.override("en"):
        url = reverse("registration:request")
    response = client.get(url, {"article": value})
    assert response.status_code == 200
    assert 'name="topic"' in response.content.decode()


def test_form_opens_with_the_article_value_repeated(client, clinic):
    with translation.override("en"):
        url = reverse("registration:request")
    article = ArticleFactory()
    response = client.get(f"{url}?article=x&article={article.pk}")
    assert response.status_code == 200


@pytest.mark.parametrize("value", [*ODD_VALUES, None, 12])
def test_only_plain_digits_make_an_id(value):
    assert object_id(value) is None


def test_plain_digits_make_an_id():
    assert object_id("42") == 42
    assert object_id("9" * 18) == int("9" * 18)


@pytest.mark.parametrize("field", ["name", "phone", "email", "preferred_time", "message"])
@pytest.mark.parametrize("value", ["a\x00b", "ž" * 3000, "💉", "\u202e", "１２３"])
def test_odd_form_values_get_the_form_back_or_are_stored(client, clinic, field, value):
    with translation.override("lt"):
        url = reverse("registration:request")
    response = client.post(url, FormDataFactory(**{field: value}))
    assert response.status_code in (200, 303)
