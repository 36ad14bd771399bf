from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from articles import text


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Part of the web address.")
    )
    description = models.CharField(_("description"), max_length=240, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a patient may read: published, with a publish date already past."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def featured(self):
        return self.filter(featured=True)

    def for_listing(self):
        return self.select_related("topic").order_by("-publish_at", "-pk")

    def search(self, query):
        """Articles whose text in the current language holds every word of the query,
        ignoring case and diacritics."""
        words = text.fold(query).split()
        if not words:
            return self.none()
        matches = self
        for word in words:
            matches = matches.filter(search_document__contains=word)
        return matches


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Part of the web address. Filled from the title when left empty."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in lists and to search engines."),
    )
    body = models.TextField(
        _("body"), blank=True, help_text=_("Sections start with a heading (Heading 2).")
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        related_name="articles",
        on_delete=models.PROTECT,
    )
    image = models.ImageField(_("image"), upload_to="articles/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        help_text=_("A future date schedules the article: it appears by itself then."),
    )
    featured = models.BooleanField(_("featured on the home page"), default=False)
    related = models.ManyToManyField(
        "self", verbose_name=_("related articles"), blank=True, symmetrical=False
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review = models.DateField(_("next review due"), null=True, blank=True)
    reviewed_by = models.CharField(
        _("reviewed by"), max_length=120, blank=True, help_text=_("The reviewing clinician's name.")
    )
    reviewer_role = models.CharField(
        _("reviewer's role"), max_length=120, blank=True, help_text=_("e.g. pain physician")
    )
    # Derived on save, per language, so that a page view or a search only reads.
    search_document = models.TextField(editable=False, default="")
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=0)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for code, _name in settings.LANGUAGES:
            self._derive_fields(code)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    is_published.boolean = True
    is_published.short_description = _("published")

    def is_due_for_review(self):
        return self.next_review is not None and self.next_review <= timezone.localdate()

    is_due_for_review.boolean = True
    is_due_for_review.short_description = _("review due")

    def has_translation(self, language_code):
        return bool(getattr(self, f"title_{language_code}")) and bool(
            getattr(self, f"body_{language_code}")
        )

    def missing_translations(self):
        return [code for code, _name in settings.LANGUAGES if not self.has_translation(code)]

    def _derive_fields(self, code):
        title = getattr(self, f"title_{code}")
        body = text.sanitize_html(getattr(self, f"body_{code}"))
        setattr(self, f"body_{code}", body)
        if title and not getattr(self, f"slug_{code}"):
            setattr(self, f"slug_{code}", text.transliterated_slug(title)[:200])
        setattr(self, f"reading_minutes_{code}", text.reading_minutes(body))
        faq = []
        if self.pk:
            for item in self.faq_items.all():
                faq += [getattr(item, f"question_{code}"), getattr(item, f"answer_{code}")]
        parts = [title, getattr(self, f"summary_{code}"), text.plain_text(body)]
        parts += [text.plain_text(part) for part in faq]
        setattr(self, f"search_document_{code}", text.fold(" ".join(p for p in parts if p)))

    def refresh_search_document(self):
        """Re-derive after the FAQ changed (the admin saves inlines after the article)."""
        for code, _name in settings.LANGUAGES:
            self._derive_fields(code)
        fields = [f"search_document_{code}" for code, _name in settings.LANGUAGES]
        Article.objects.filter(pk=self.pk).update(
            **{field: getattr(self, field) for field in fields}
        )


class FAQItem(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), related_name="faq_items", on_delete=models.CASCADE
    )
    question = models.CharField(_("question"), max_length=250)
    answer = models.TextField(_("answer"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question and answer")
        verbose_name_plural = _("frequently asked questions")

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        for code, _name in settings.LANGUAGES:
            answer = getattr(self, f"answer_{code}")
            setattr(self, f"answer_{code}", text.sanitize_html(answer) if answer else answer)
        super().save(*args, **kwargs)


class OldSlug(models.Model):
    """A slug an article used to have, so old links redirect to its current address."""

    article = models.ForeignKey(Article, related_name="old_slugs", on_delete=models.CASCADE)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    slug = models.SlugField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="unique_old_slug_per_language"
            )
        ]

    def __str__(self):
        return f"{self.language}: {self.slug}"


def url_in_language(obj, language_code):
    with translation.override(language_code):
        return obj.get_absolute_url()
