"""The pages the benchmark measures, by name, with their address in each language."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation

# Words every language's demo articles use, so a search finds many of the articles.
SEARCH_WORDS = {"lt": "skausmas", "en": "pain"}


def reading_article():
    """The newest article: a real demo article, with image, FAQ and related articles."""
    from articles.models import Article

    return Article.objects.published().order_by("-publish_at", "-pk").first()


def page_urls():
    """{"home": {"lt": "/lt/", "en": "/en/"}, ...} for every measured page."""
    article = reading_article()
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search = reverse("search:search") + "?" + urlencode({"q": SEARCH_WORDS[code]})
            for name, url in [
                ("home", reverse("home")),
                ("article list", reverse("articles:list")),
                ("article", article.get_absolute_url()),
                ("search", search),
                ("registration form", reverse("registration:request")),
            ]:
                urls.setdefault(name, {})[code] = url
    return urls
