"""Addresses in every language: how slugs are made, and how a page is found by one.

Topics and articles have a slug per language (slug_lt, slug_en). A visitor may arrive
with the slug of any language, or with one an article used to have (OldSlug); the pages
then redirect to the address in the visitor's language.
"""

from functools import reduce
from operator import or_

from django.db import models
from django.utils import translation

from articles import text
from clinic.languages import LANGUAGE_CODES


class SlugQuerySet(models.QuerySet):
    def with_slug(self, slug):
        """Rows whose slug in any language is `slug`."""
        return self.filter(
            reduce(or_, (models.Q(**{f"slug_{code}": slug}) for code in LANGUAGE_CODES))
        )

    def find_by_slug(self, slug):
        """The row `slug` leads to, or None (see `current_language_first`)."""
        return current_language_first(list(self.with_slug(slug)), slug)


def current_language_first(found, slug):
    """Of the rows found by a slug, the one whose slug in the current language it is,
    else the first; None when nothing was found."""
    return next((obj for obj in found if obj.slug == slug), found[0] if found else None)


class OldSlugQuerySet(models.QuerySet):
    def published_article(self, slug):
        """The published article that used to be at `slug`, or None. An old slug in the
        current language wins over one in another language."""
        published = [
            old
            for old in self.filter(slug=slug).select_related("article")
            if old.article.is_published()
        ]
        if not published:
            return None
        current = translation.get_language()
        return next((old for old in published if old.language == current), published[0]).article


class TranslatedSlugs:
    """For a model with a slug per language, filled from `slug_source` when left empty."""

    slug_source = "title"

    def fill_slugs(self):
        """Give each language that has a source text but no slug yet a slug made from
        that text: unique, and short enough to leave room for a "-2"."""
        room = self._meta.get_field("slug").max_length - 10
        for code in LANGUAGE_CODES:
            source = getattr(self, f"{self.slug_source}_{code}")
            if source and not getattr(self, f"slug_{code}"):
                base = text.transliterated_slug(source)[:room]
                setattr(self, f"slug_{code}", self._unique_slug(f"slug_{code}", base))

    def url_in_language(self, language_code):
        with translation.override(language_code):
            return self.get_absolute_url()

    def _unique_slug(self, field_name, base):
        """`base`, or `base-2`, `base-3`… whichever no other row uses yet."""
        base = base.strip("-") or "straipsnis"
        candidate, number = base, 1
        others = type(self)._default_manager.exclude(pk=self.pk)
        while others.filter(**{field_name: candidate}).exists():
            number += 1
            candidate = f"{base}-{number}"
        return candidate
