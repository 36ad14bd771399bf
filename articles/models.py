from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language, resolution_order

from articles import images, search_index, search_text, text
from articles.slugs import (
    OldSlugQuerySet,
    SlugQuerySet,
    TranslatedSlugs,
    current_language_first,
)
from clinic.languages import LANGUAGE_CODES, localized
from clinic.rich_text import (
    EDITOR_EXTENSIONS_WITHOUT_HEADINGS,
    RichTextField,
    plain_text,
    sanitize_html,
    sanitize_translations,
)

SEARCH_FIELDS = ("search_title", "search_summary", "search_body")


class Topic(TranslatedSlugs, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Part of the web address. Filled from the name when left empty."),
    )
    description = models.CharField(
        _("description"),
        max_length=240,
        blank=True,
        help_text=_("One sentence shown under the topic's name."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Topics are listed from the lowest number.")
    )
    shows_help_now = models.BooleanField(
        _("procedure or aftercare topic"),
        default=False,
        help_text=_(
            "Its articles show the “Get help now” block (Clinic › “Get help now” block): "
            "tick it for topics about procedures and aftercare."
        ),
    )

    slug_source = "name"

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_slugs()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})

    def clean(self):
        self.fill_slugs()


def _untranslated(language_code):
    empty = models.Q()
    for field in ("title", "body"):
        empty |= models.Q(**{f"{field}_{language_code}__isnull": True})
        empty |= models.Q(**{f"{field}_{language_code}": ""})
    return empty


class ArticleQuerySet(SlugQuerySet):
    def published(self):
        """Articles a patient may read: published, with a publish date already past."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def published_with_slug(self, slug):
        """The published article at `slug` in any language, or None. Found by slug alone
        (the unique slug indexes), then kept if published: asked in one query, SQLite may
        walk the newest-first index through every article."""
        return current_language_first([a for a in self.with_slug(slug) if a.is_published()], slug)

    def next_publish_at(self):
        """When the next article scheduled for later appears, or None."""
        scheduled = self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        return scheduled.order_by("publish_at").values_list("publish_at", flat=True).first()

    def featured(self):
        """Articles for the home page, in the editors' chosen order."""
        return self.filter(featured=True).order_by("order", "-publish_at", "-pk")

    def for_listing(self):
        """What a list of article cards needs: the topic, not the search text."""
        return self.select_related("topic").without_search_text()

    def without_search_text(self):
        """Without the long search text, which no page shows. (Lists still read the body:
        it tells whether the article is written in a language.)"""
        return self.defer(*SEARCH_FIELDS, *localized(*SEARCH_FIELDS))

    def translated_into(self, language_code):
        """Articles with a title and body written in this language."""
        return self.exclude(_untranslated(language_code))

    def missing_translation(self, language_code):
        return self.filter(_untranslated(language_code))

    def search_ids(self, query):
        """The ids of the published articles whose text in the current language has
        every word of the query in any of its forms, the best match first (see
        articles/search_index.py); at most 2 × search_index.CANDIDATES."""
        query = search_text.Query(query, get_language())
        if not query:
            return []
        connection = connections[self.db]
        return search_index.ranked_ids(connection, query, Article.Status.PUBLISHED)

    def search(self, query):
        """The articles search_ids finds, as a queryset, in no particular order."""
        return self.filter(pk__in=self.search_ids(query))


class Article(TranslatedSlugs, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the web address. Filled from the title when left empty. If you change "
            "it, the old address keeps working and leads here."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in lists and to search engines."),
    )
    body = RichTextField(
        _("body"),
        blank=True,
        help_text=_(
            "Start each section with a heading (Heading 2). Long articles get a table of "
            "contents made from these headings."
        ),
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        related_name="articles",
        on_delete=models.PROTECT,
        # A first draft may be saved without one; publishing needs one (see clean()).
        null=True,
        blank=True,
        help_text=_("Needed for publishing; a first draft may do without one."),
    )
    image = models.ImageField(
        _("image"),
        upload_to="articles/",
        blank=True,
        validators=[images.validate_upload_width],
        width_field="image_width",
        height_field="image_height",
        help_text=_("Shown at the top of the article and in lists. At least 1200 px wide."),
    )
    image_width = models.PositiveIntegerField(editable=False, null=True)
    image_height = models.PositiveIntegerField(editable=False, null=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    # Made on save from the image; see articles/images.py.
    image_renditions = models.JSONField(editable=False, default=dict)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Only published articles appear on the site. Staff can preview drafts."),
    )
    publish_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        help_text=_("A future date schedules the article: it appears by itself then."),
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    order = models.PositiveSmallIntegerField(
        _("position on the home page"),
        default=0,
        help_text=_("Featured articles are shown from the lowest number."),
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("related articles"),
        blank=True,
        symmetrical=False,
        help_text=_("Shown under the article as further reading."),
    )
    # Derived on save, per language, so that a page view or a search only reads: the
    # search terms of the title; of the summary and FAQ questions; of the body and FAQ
    # answers (articles/search_text.py).
    search_title = models.TextField(editable=False, default="")
    search_summary = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=0)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [
            # Lists count and page through published articles newest first: with this
            # index they read a dozen rows, however many articles there are.
            models.Index(fields=["status", "-publish_at", "-id"], name="published_newest"),
            # The home page's few featured articles. It has the columns of the index
            # above, so that SQLite, which keeps no statistics, prefers the smaller one.
            models.Index(
                fields=["status", "-publish_at"],
                condition=models.Q(featured=True),
                name="featured_published",
            ),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_slugs()
        faq_items = list(self.faq_items.all()) if self.pk else []
        for code in LANGUAGE_CODES:
            self._derive_text(code, faq_items)
        self._update_image_renditions()
        stored_slugs = self._stored_slugs()
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._remember_old_slugs(stored_slugs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and not self.can_be_published():
            errors["topic"] = _("Choose a topic before publishing. A draft may do without one.")
        # An image refused for its width (its own error) needs no description yet.
        if self.image and images.width_is_enough(self.image):
            for code in LANGUAGE_CODES:
                if (code == settings.LANGUAGE_CODE or self.has_translation(code)) and not (
                    getattr(self, f"image_alt_{code}")
                ):
                    errors[f"image_alt_{code}"] = _(
                        "Describe the image for people who cannot see it."
                    )
        if errors:
            raise ValidationError(errors)
        self.fill_slugs()

    def get_preview_url(self):
        return reverse("articles:preview", kwargs={"pk": self.pk})

    def can_be_published(self):
        """Whether the article has what a published article needs (its topic)."""
        return self.topic_id is not None

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    is_published.boolean = True
    is_published.short_description = _("on the site")

    def has_translation(self, language_code):
        return bool(getattr(self, f"title_{language_code}")) and bool(
            getattr(self, f"body_{language_code}")
        )

    def missing_translations(self):
        return [code for code in LANGUAGE_CODES if not self.has_translation(code)]

    @property
    def content_language(self):
        """The language the article is read in on a page in the current language: the
        current one when translated, else the language it falls back to."""
        fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
        for code in resolution_order(translation.get_language(), fallbacks):
            if self.has_translation(code):
                return code
        return settings.LANGUAGE_CODE

    @property
    def headings(self):
        """The (id, text) of each section heading, for the table of contents."""
        return text.headings(self.body)

    @property
    def picture(self):
        """The image's renditions for an <img>: src, srcset, width and height."""
        sizes = self.image_renditions.get("sizes") if self.image else None
        if not sizes:
            return None
        storage = self.image.storage
        largest = sizes[-1]
        return {
            "src": storage.url(largest["name"]),
            "srcset": ", ".join(f"{storage.url(s['name'])} {s['width']}w" for s in sizes),
            "width": largest["width"],
            "height": largest["height"],
        }

    def refresh_search_document(self):
        """Re-derive the search text and reading time after the FAQ changed (the admin
        saves its inline FAQ items after the article itself)."""
        faq_items = list(self.faq_items.all())
        derived = {}
        for code in LANGUAGE_CODES:
            derived.update(self._search_fields(code, faq_items))
            derived[f"reading_minutes_{code}"] = self._reading_minutes(code, faq_items)
        Article.objects.filter(pk=self.pk).update(updated_at=timezone.now(), **derived)

    def fill_slugs(self):
        super().fill_slugs()
        # A language without a title has no page, so no address either.
        for code in LANGUAGE_CODES:
            if not getattr(self, f"title_{code}"):
                setattr(self, f"slug_{code}", None)

    def _derive_text(self, code, faq_items):
        body = text.add_heading_ids(sanitize_html(getattr(self, f"body_{code}")))
        setattr(self, f"body_{code}", body)
        setattr(self, f"reading_minutes_{code}", self._reading_minutes(code, faq_items))
        for field, value in self._search_fields(code, faq_items).items():
            setattr(self, field, value)

    def _reading_minutes(self, code, faq_items):
        """Everything the patient reads: the body and every question and answer."""
        faq_text = [
            getattr(item, f"{field}_{code}") or ""
            for item in faq_items
            for field in ("question", "answer")
        ]
        return text.reading_minutes(getattr(self, f"body_{code}"), *faq_text)

    def _search_fields(self, code, faq_items):
        """The search terms of each weight class in one language, by field name."""
        return search_text.search_fields(
            code,
            title=getattr(self, f"title_{code}"),
            summary=getattr(self, f"summary_{code}"),
            body=plain_text(getattr(self, f"body_{code}")),
            faq=[
                (getattr(item, f"question_{code}"), plain_text(getattr(item, f"answer_{code}")))
                for item in faq_items
            ],
        )

    def _update_image_renditions(self):
        storage = self.image.storage
        if not self.image:
            if self.image_renditions:
                images.delete_renditions(self.image_renditions, storage)
                self.image_renditions = {}
            return
        if not self.image._committed:
            # Store the upload now (the field would on save) so renditions can be made
            # before the row is written, and no page shows the article without them.
            self.image.save(self.image.name, self.image.file, save=False)
        if self.image_renditions.get("source") != self.image.name:
            images.delete_renditions(self.image_renditions, storage)
            self.image.open("rb")
            try:
                self.image_renditions = images.make_renditions(self.image, storage)
            finally:
                self.image.close()

    def _stored_slugs(self):
        if self.pk is None:
            return {}
        fields = [f"slug_{code}" for code in LANGUAGE_CODES]
        return Article.objects.filter(pk=self.pk).values(*fields).first() or {}

    def _remember_old_slugs(self, stored_slugs):
        for code in LANGUAGE_CODES:
            old, new = stored_slugs.get(f"slug_{code}"), getattr(self, f"slug_{code}")
            # A slug taken (back) by an article stops leading anywhere else.
            if new and new != old:
                OldSlug.objects.filter(language=code, slug=new).delete()
            if old and old != new:
                OldSlug.objects.update_or_create(
                    language=code, slug=old, defaults={"article": self}
                )


class FAQItem(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), related_name="faq_items", on_delete=models.CASCADE
    )
    question = models.CharField(_("question"), max_length=250)
    answer = RichTextField(_("answer"), extensions=EDITOR_EXTENSIONS_WITHOUT_HEADINGS)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Questions are shown from the lowest number.")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question and answer")
        verbose_name_plural = _("frequently asked questions")

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        sanitize_translations(self, "answer")
        super().save(*args, **kwargs)
        self.article.refresh_search_document()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.article.refresh_search_document()
        return result


class OldSlug(models.Model):
    """A slug an article used to have, so old links redirect to its current address."""

    article = models.ForeignKey(Article, related_name="old_slugs", on_delete=models.CASCADE)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    slug = models.SlugField(max_length=200)

    objects = OldSlugQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="unique_old_slug_per_language"
            )
        ]

    def __str__(self):
        return f"{self.language}: {self.slug}"
