"""The article change form as the admin would post it back."""

from django.utils import timezone

from articles.models import LANGUAGE_CODES

ARTICLE_FIELDS = ("title", "slug", "summary", "body", "image_alt")


def change_form_data(article, **changes):
    publish_at = timezone.localtime(article.publish_at)
    data = {
        f"{field}_{code}": getattr(article, f"{field}_{code}") or ""
        for field in ARTICLE_FIELDS
        for code in LANGUAGE_CODES
    }
    data |= {
        "status": article.status,
        "publish_at_0": publish_at.strftime("%Y-%m-%d"),
        "publish_at_1": publish_at.strftime("%H:%M:%S"),
        "topic": article.topic_id,
        "order": article.order,
    }
    items = list(article.faq_items.all())
    data |= {
        "faq_items-TOTAL_FORMS": len(items),
        "faq_items-INITIAL_FORMS": len(items),
        "faq_items-MIN_NUM_FORMS": 0,
        "faq_items-MAX_NUM_FORMS": 1000,
    }
    for number, item in enumerate(items):
        prefix = f"faq_items-{number}-"
        data |= {
            f"{prefix}id": item.pk,
            f"{prefix}article": article.pk,
            f"{prefix}order": item.order,
            **{
                f"{prefix}{field}_{code}": getattr(item, f"{field}_{code}")
                for field in ("question", "answer")
                for code in LANGUAGE_CODES
            },
        }
    return data | changes


def change_url(settings, article, suffix="change/"):
    return f"/{settings.ADMIN_URL}articles/article/{article.pk}/{suffix}"
