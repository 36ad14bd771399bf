from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Topic
from clinic.languages import LANGUAGE_CODES


class BilingualSitemap(Sitemap):
    """Each page in every language it is written in, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True

    def _urls(self, page, protocol, domain):
        # Django's x-default drops the language prefix, which suits sites whose default
        # language has none. Here every address has one, so x-default is the default
        # language's own address.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            alternates = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            if "x-default" in alternates:
                default = alternates[settings.LANGUAGE_CODE]["location"]
                alternates["x-default"]["location"] = default
        return urls


class ArticleSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Article.objects.published().without_search_text().order_by("pk")

    def get_languages_for_item(self, item):
        return [code for code in LANGUAGE_CODES if item.has_translation(code)]

    def lastmod(self, item):
        return item.updated_at


class TopicSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Topic.objects.all()


class PageSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return ["home", "articles:list"]

    def location(self, item):
        return reverse(item)


sitemaps = {"pages": PageSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}
