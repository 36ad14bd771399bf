"""Stale translations: when one language of a text changes after another language of
the same text was last saved, that other language is stale until an editor saves it
(changed, or confirmed as still right).

Each save of an article or a FAQ item records, per text and language, when it changed
(reviews.models.TextChange). Texts: the article's title, summary, body and image
description, and each FAQ item's question and answer.
"""

from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from articles.models import Article, FAQItem
from clinic.languages import LANGUAGE_CODES
from reviews.models import TextChange

ARTICLE_TEXTS = ("title", "summary", "body", "image_alt")
FAQ_TEXTS = ("question", "answer")


@dataclass(frozen=True)
class StaleText:
    key: str  # as in TextChange.key
    field: str  # the model field, without language
    language: str  # the stale translation
    source_language: str  # the language that changed after it
    faq_item_id: int | None = None

    @property
    def form_field(self):
        return f"{self.field}_{self.language}"


def texts_of(obj):
    """{(key, language): text} of an article's own texts or of one FAQ item."""
    if isinstance(obj, Article):
        prefix, fields = "", ARTICLE_TEXTS
    else:
        prefix, fields = f"faq-{obj.pk}-", FAQ_TEXTS
    return {
        (f"{prefix}{field}", code): getattr(obj, f"{field}_{code}") or ""
        for field in fields
        for code in LANGUAGE_CODES
    }


def _remember_stored_texts(sender, instance, raw=False, **kwargs):
    stored = None
    if instance.pk and not raw:
        stored = sender.objects.filter(pk=instance.pk).first()
    instance._texts_before = texts_of(stored) if stored else {}


def _record_changes(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_texts_before", {})
    after = texts_of(instance)
    article_id = instance.pk if sender is Article else instance.article_id
    changed_keys = {}
    for (key, code), text in after.items():
        if text != before.get((key, code), ""):
            changed_keys.setdefault(key, []).append(code)
    if not changed_keys:
        return
    # A new article or question has no recorded times yet.
    stored_times = (
        TextChange.objects.none()
        if created
        else TextChange.objects.filter(article_id=article_id, key__in=changed_keys)
    )
    times = {(c.key, c.language): c.changed_at for c in stored_times}
    now = timezone.now()
    new_rows = []
    for key, codes in changed_keys.items():
        # Saving a stale translation brings it up to date: the languages are in step
        # again, so the source does not become "older" than its new translation.
        if any(_newer_source(key, code, before, times) for code in codes):
            codes = LANGUAGE_CODES
        stored = [code for code in codes if (key, code) in times]
        if stored:
            TextChange.objects.filter(article_id=article_id, key=key, language__in=stored).update(
                changed_at=now
            )
        new_rows += [
            TextChange(article_id=article_id, key=key, language=code, changed_at=now)
            for code in codes
            if (key, code) not in times
        ]
    # A new article or question: one insert for all its texts.
    TextChange.objects.bulk_create(new_rows)


def _forget_faq_item(sender, instance, **kwargs):
    TextChange.objects.filter(
        article_id=instance.article_id, key__startswith=f"faq-{instance.pk}-"
    ).delete()


def connect_signals():
    for model in (Article, FAQItem):
        uid = f"reviews-freshness-{model._meta.label}"
        pre_save.connect(_remember_stored_texts, sender=model, dispatch_uid=uid)
        post_save.connect(_record_changes, sender=model, dispatch_uid=uid)
    post_delete.connect(_forget_faq_item, sender=FAQItem, dispatch_uid="reviews-freshness-faq")


def stale_texts(article):
    """The stale translations of the article and its FAQ, as StaleText."""
    changed = {(c.key, c.language): c.changed_at for c in article.text_changes.all()}
    texts = texts_of(article)
    faq_ids = {}
    for item in article.faq_items.all():
        texts |= texts_of(item)
        faq_ids[f"faq-{item.pk}-"] = item.pk
    stale = []
    for (key, code), text in texts.items():
        if not text or (key, code) not in changed:
            continue
        source = _newer_source(key, code, texts, changed)
        if source:
            prefix, _sep, field = key.rpartition("-")
            stale.append(StaleText(key, field, code, source, faq_ids.get(f"{prefix}-")))
    return stale


def _newer_source(key, code, texts, changed):
    """The language of this text that changed after `code` was last saved, if any."""
    for source in LANGUAGE_CODES:
        source_time = changed.get((key, source))
        if source == code or not texts.get((key, source)) or source_time is None:
            continue
        if (key, code) in changed and source_time > changed[(key, code)]:
            return source
    return None


def with_stale_translations(articles):
    """Of these articles, those with a stale translation. Worked out in Python, article
    by article, which suits the admin's few hundred articles."""
    found = articles.prefetch_related("text_changes", "faq_items")
    return articles.filter(pk__in=[article.pk for article in found if stale_texts(article)])


def mark_checked(article, stale):
    """An editor confirmed these translations: their languages are in step again."""
    now = timezone.now()
    keys = {text.key for text in stale}
    TextChange.objects.filter(article=article, key__in=keys).update(changed_at=now)
