from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from articles.models import Article
from clinic.models import ClinicDetails

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    """The newest articles written in the feed's language (RSS 2.0), one feed per language."""

    def __call__(self, request, *args, **kwargs):
        self.clinic = ClinicDetails.objects.current()
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(clinic)s: articles") % {"clinic": self.clinic.name}

    def description(self):
        return _("New patient information from %(clinic)s.") % {"clinic": self.clinic.name}

    def link(self):
        return reverse("articles:list")

    def feed_url(self):
        return reverse("articles:feed")

    def items(self):
        language = translation.get_language()
        return Article.objects.published().translated_into(language).for_listing()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.topic.name] if item.topic else []
