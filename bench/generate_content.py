"""Fill the benchmark's database with the demo content plus generated articles.

    python -m bench.generate_content --articles 10000

The demo content (six real articles, both languages, with images) is loaded first. The
rest are copies of those articles under new titles, published earlier, with the same
FAQ, image and topic. Every article is saved through the model, so its slugs, reading
time and search text are derived exactly as an editor's save derives them.
"""

import argparse
import os
from datetime import timedelta

import django


def generate(article_count):
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from articles.models import Article, FAQItem

    call_command("load_demo_content", verbosity=0)
    originals = list(
        Article.objects.published().prefetch_related("faq_items", "related").order_by("pk")
    )
    oldest = min(article.publish_at for article in originals)
    languages = [code for code, _name in settings.LANGUAGES]
    translated = ["title", "summary", "body", "image_alt"]
    copies = []
    with transaction.atomic():
        for number in range(len(originals), article_count):
            original = originals[number % len(originals)]
            copy = Article(
                topic_id=original.topic_id,
                status=Article.Status.PUBLISHED,
                publish_at=oldest - timedelta(hours=number),
                # The same upload with its renditions, which save() then keeps as they are.
                image=original.image.name,
                image_renditions=original.image_renditions,
                **{
                    f"{field}_{code}": getattr(original, f"{field}_{code}")
                    for field in translated
                    for code in languages
                },
            )
            for code in languages:
                setattr(copy, f"title_{code}", f"{getattr(original, f'title_{code}')} {number}")
            copy.save()
            copies.append((copy, original))
        # The FAQ's answers are sanitized already; the articles' search text is then
        # derived once, with the FAQ, as saving an FAQ item in the admin would.
        FAQItem.objects.bulk_create(
            FAQItem(
                article=copy,
                order=item.order,
                **{
                    f"{field}_{code}": getattr(item, f"{field}_{code}")
                    for field in ("question", "answer")
                    for code in languages
                },
            )
            for copy, original in copies
            for item in original.faq_items.all()
        )
        Related = Article.related.through
        Related.objects.bulk_create(
            Related(from_article=copy, to_article=other)
            for copy, original in copies
            for other in original.related.all()
        )
        for copy, _original in copies:
            copy.refresh_search_document()
    return Article.objects.published().count(), FAQItem.objects.count()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="published articles in all")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    articles, faq_items = generate(args.articles)
    print(f"{articles} published articles, {faq_items} FAQ items")


if __name__ == "__main__":
    main()
