from modeltranslation.translator import TranslationOptions, register

from articles.models import Article, FAQItem, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "description")
    required_languages = {"lt": ("name",)}
    # NULL rather than "" for a missing translation, so unique slugs allow many gaps.
    empty_values = {"slug": None}


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "slug",
        "summary",
        "body",
        "image_alt",
        "search_title",
        "search_summary",
        "search_body",
        "reading_minutes",
    )
    required_languages = {"lt": ("title", "summary")}
    # NULL rather than "" for a missing translation, so unique slugs allow many gaps.
    empty_values = {"slug": None}


@register(FAQItem)
class FAQItemTranslationOptions(TranslationOptions):
    fields = ("question", "answer")
    required_languages = {"lt": ("question", "answer")}
