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


def header(html):
    return html.split('<header class="site-header">')[1].split("</header>")[0]


def footer(html):
    return html.split('<footer class="site-footer">')[1].split("</footer>")[0]


@pytest.mark.parametrize(
    ("path", "call", "form"),
    [
        ("/lt/", "Skambinkite +370\u00a0602\u00a026118", 'href="/lt/registracija/"'),
        ("/en/", "Call +370\u00a0602\u00a026118", 'href="/en/registration/"'),
        ("/en/articles/", "Call +370\u00a0602\u00a026118", 'href="/en/registration/"'),
        ("/en/registration/", "Call +370\u00a0602\u00a026118", 'href="/en/registration/"'),
    ],
)
def test_every_page_header_offers_the_call_and_the_form_in_the_visitors_language(
    client, clinic, path, call, form
):
    top = header(client.get(path).content.decode())
    assert f'<a class="button button-call" href="tel:+37060226118">{call}</a>' in top
    assert form in top


def test_the_phone_number_never_breaks_across_lines(client, clinic):
    top = header(client.get("/en/").content.decode())
    assert "+370\u00a0602\u00a026118" in top
    assert "+370 602" not in top


def test_article_page_header_offers_the_call_too(client, clinic):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert 'href="tel:+37060226118"' in header(html)


@pytest.mark.parametrize("path", ["/en/", "/en/articles/", "/lt/straipsniai/"])
def test_footer_names_the_clinic_its_address_hours_and_a_plain_directions_link(
    client, clinic, path
):
    bottom = footer(client.get(path).content.decode())
    assert clinic.name_lt in bottom or clinic.name_en in bottom
    assert "Pavyzdžio g. 1, Vilnius" in bottom
    assert "8:00–18:00" in bottom
    assert (
        'href="https://www.google.com/maps/dir/?api=1&amp;destination=Pavyzd%C5%BEio+g.+1%2C+Vilnius"'
        in bottom
    )
    assert "<script" not in bottom


def test_article_footer_shows_the_address_below_the_articles_own_contact_block(client, clinic):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "Pavyzdžio g. 1, Vilnius" in footer(html)
    block = html.split('aria-labelledby="article-contact-heading"')[1].split("</section>")[0]
    assert "Pavyzdžio g. 1, Vilnius" in block
