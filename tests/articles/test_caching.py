import datetime
import re
from unittest import mock

import pytest
from django.core.cache import caches
from django.utils import timezone

from tests.articles.factories import ArticleFactory, FAQItemFactory, TopicFactory
from tests.articles.pages import reading_pages, url, url_of

pytestmark = pytest.mark.django_db


def every_reading_page(article):
    pages = reading_pages(article, "lt") + reading_pages(article, "en")
    return [*pages, "/sitemap.xml", "/robots.txt"]


def test_reading_pages_set_no_cookie_and_do_not_vary_on_cookies(client, clinic):
    article = ArticleFactory()
    for page in every_reading_page(article):
        response = client.get(page)
        assert response.status_code == 200, page
        assert not response.cookies, page
        assert "Cookie" not in response.get("Vary", ""), page


def test_reading_pages_may_be_kept_by_browsers_and_proxies(client, clinic):
    article = ArticleFactory()
    for page in every_reading_page(article):
        cache_control = client.get(page)["Cache-Control"]
        assert "public" in cache_control, page
        assert "max-age=" in cache_control, page


def test_a_cached_page_is_served_again_without_asking_the_database(
    client, clinic, django_assert_num_queries
):
    article = ArticleFactory()
    client.get(url_of(article, "lt"))
    with django_assert_num_queries(0):
        assert client.get(url_of(article, "lt")).status_code == 200


def test_saving_an_article_refreshes_its_cached_page_at_once(client, clinic):
    article = ArticleFactory(title_en="Before")
    assert "Before" in client.get(url_of(article, "en")).content.decode()
    article.title_en = "After"
    article.save()
    assert "After" in client.get(url_of(article, "en")).content.decode()


def test_changing_a_faq_item_refreshes_the_cached_article(client, clinic):
    article = ArticleFactory()
    client.get(url_of(article, "en"))
    item = FAQItemFactory(article=article, question_en="A brand new question?")
    assert "A brand new question?" in client.get(url_of(article, "en")).content.decode()
    item.delete()
    assert "A brand new question?" not in client.get(url_of(article, "en")).content.decode()


def test_unchanged_page_answers_304_to_a_browser_that_has_it(client, clinic):
    article = ArticleFactory()
    etag = client.get(url_of(article, "en"))["ETag"]
    response = client.get(url_of(article, "en"), headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_changed_page_answers_in_full_to_a_browser_with_the_old_copy(client, clinic):
    article = ArticleFactory()
    etag = client.get(url_of(article, "en"))["ETag"]
    article.summary_en = "A new summary."
    article.save()
    response = client.get(url_of(article, "en"), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "A new summary." in response.content.decode()


def test_scheduled_article_appears_by_itself_once_its_time_comes(client, clinic):
    publish_at = timezone.now() + datetime.timedelta(hours=2)
    article = ArticleFactory(title_en="Scheduled", publish_at=publish_at)
    assert client.get(url_of(article, "en")).status_code == 404
    assert "Scheduled" not in client.get(url("articles:list", "en")).content.decode()

    later = publish_at + datetime.timedelta(minutes=1)
    # Cached copies expire after PAGE_CACHE_SECONDS; the clock jump stands for that.
    caches["pages"].clear()
    caches["shared-pages"].clear()
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(url_of(article, "en")).status_code == 200
        assert "Scheduled" in client.get(url("articles:list", "en")).content.decode()


def make_content(size):
    topics = TopicFactory.create_batch(size)
    articles = [ArticleFactory(topic=topics[n % size], with_image=n < 2) for n in range(size * 3)]
    for article in articles:
        FAQItemFactory.create_batch(size, article=article)
        article.related.add(*articles[:size])
    return articles[-1]


# The clinic's details, the article(s), and a fixed few per page (topics, FAQ,
# related, page count): never one per article, topic or question.
@pytest.mark.parametrize("size", [2, 6])
@pytest.mark.parametrize("language", ["lt", "en"])
def test_pages_run_a_fixed_number_of_queries_whatever_the_amount_of_content(
    client, clinic, django_assert_max_num_queries, size, language
):
    article = make_content(size)
    pages = {
        url("home", language): 3,
        url("articles:list", language): 4,
        url_of(article.topic, language): 5,
        url_of(article, language): 5,
        # In English "skausmas" finds nothing: the page then also shows topics and articles.
        url("search:search", language) + "?q=skausmas": 5,
    }
    for page, queries in pages.items():
        with django_assert_max_num_queries(queries):
            assert client.get(page).status_code == 200


def test_a_kept_list_expires_when_a_scheduled_article_appears(client, clinic):
    """Kept pages, and browsers' and proxies' copies, last until the publish time (here two
    minutes away, under PAGE_CACHE_SECONDS), not a moment longer."""
    publish_at = timezone.now() + datetime.timedelta(minutes=2)
    ArticleFactory(title_en="Scheduled", publish_at=publish_at)
    list_page = client.get(url("articles:list", "en"))
    assert "Scheduled" not in list_page.content.decode()
    max_age = int(re.search(r"max-age=(\d+)", list_page["Cache-Control"]).group(1))
    assert 110 <= max_age <= 120

    later = publish_at + datetime.timedelta(seconds=1)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("clinic.page_cache.time.time", return_value=later.timestamp()),
    ):
        assert "Scheduled" in client.get(url("articles:list", "en")).content.decode()
