"""What every page shares: header navigation, footer, the contact block, the favicon."""

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def contact_blocks(response):
    return response.content.decode().count('class="contact-block"')


def test_home_page_has_one_contact_block(client, clinic):
    assert contact_blocks(client.get("/en/")) == 1


def test_article_page_has_one_contact_block(client, clinic):
    article = ArticleFactory()
    assert contact_blocks(client.get(article.get_absolute_url())) == 1


def test_pages_without_their_own_contact_block_show_it_in_the_footer(client, clinic):
    assert contact_blocks(client.get("/en/articles/")) == 1


def test_main_navigation_marks_the_page_the_visitor_is_on(client, clinic):
    html = client.get("/en/articles/").content.decode()
    assert '<a href="/en/articles/" aria-current="page">' in html
    assert '<a href="/en/" aria-current="page">' not in html


def test_favicon_requests_lead_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/favicon.")
