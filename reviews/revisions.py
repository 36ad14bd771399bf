"""Every article saved in the admin is kept as a revision (django-reversion): the article
in both languages with its FAQ. A sign-off points at the revision it approved."""

import reversion
from reversion.models import Version

from articles.models import Article, FAQItem
from clinic.languages import LANGUAGE_CODES

# Derived on save from the texts; a revision need not keep them.
DERIVED_FIELDS = ("search_document", *(f"search_document_{code}" for code in LANGUAGE_CODES))


def register_articles():
    if not reversion.is_registered(Article):
        reversion.register(Article, follow=("faq_items",), exclude=DERIVED_FIELDS)
    if not reversion.is_registered(FAQItem):
        reversion.register(FAQItem)


def versions_of(article):
    """The article's versions, newest first."""
    return Version.objects.get_for_object(article).select_related("revision__user")


def latest_revision(article):
    version = versions_of(article).first()
    return version.revision if version else None


def save_revision(article, user, comment):
    """Keep the article as it is now, FAQ included, as a new revision; return it."""
    with reversion.create_revision():
        reversion.add_to_revision(article)
        reversion.set_user(user)
        reversion.set_comment(comment)
    return latest_revision(article)


def revision_before(article, moment):
    """The article's newest revision saved at or before `moment`, if any."""
    version = versions_of(article).filter(revision__date_created__lte=moment).first()
    return version.revision if version else None
