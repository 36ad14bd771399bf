"""Load the clinic's demo content from clinic/demo_content/ (see its README.md).

Idempotent: it creates what is missing and leaves whatever already exists alone, so an
editor's changes survive a second run (`make run` runs it every time).

Demo data spans every app, so this command sits above them all: it is the one module in
the bottom layer, clinic/, that imports the feature apps (articles, registration).
"""

import tomllib
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Article, FAQItem, OldSlug, Topic
from clinic.demo_content import illustrations
from clinic.languages import LANGUAGE_CODES
from clinic.models import ClinicDetails, HelpNowItem
from registration.models import PrivacyNotice

CONTENT_DIR = Path(__file__).resolve().parents[2] / "demo_content"


def read_toml(path):
    with open(path, "rb") as file:
        return tomllib.load(file)


def translated(data, *fields):
    """{"title_lt": data["lt"]["title"], "title_en": data["en"]["title"], ...}"""
    return {
        f"{field}_{code}": data[code][field]
        for field in fields
        for code in LANGUAGE_CODES
        if field in data.get(code, {})
    }


def illustration_file(name):
    buffer = BytesIO()
    illustrations.draw(name).save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{name}.png")


class Command(BaseCommand):
    help = (
        "Load the clinic's demo content (details, privacy notice, topics, articles). "
        "Creates what is missing; leaves existing content, and editors' changes, alone."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            created = (
                self.load_clinic()
                + self.load_help_now()
                + self.load_topics()
                + self.load_articles()
            )
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created: {', '.join(created)}."))
        else:
            self.stdout.write("Demo content is already loaded; nothing changed.")

    def load_clinic(self):
        data = read_toml(CONTENT_DIR / "clinic.toml")
        created = []
        if not ClinicDetails.objects.exists():
            fields = ["name", "address", "opening_hours", "contact_sentence", "about"]
            ClinicDetails.objects.create(
                phone=data["phone"],
                email=data["email"],
                **{f"{f}_{code}": data[f"{f}_{code}"] for f in fields for code in LANGUAGE_CODES},
            )
            created.append("clinic details")
        notice = data["privacy_notice"]
        if not PrivacyNotice.objects.filter(version=notice["version"]).exists():
            PrivacyNotice.objects.create(
                version=notice["version"],
                **{
                    f"{f}_{code}": notice[f"{f}_{code}"]
                    for f in ("title", "body")
                    for code in LANGUAGE_CODES
                },
            )
            created.append("privacy notice")
        return created

    def load_help_now(self):
        if HelpNowItem.objects.exists():
            return []
        items = read_toml(CONTENT_DIR / "help_now.toml")["item"]
        for order, item in enumerate(items):
            HelpNowItem.objects.create(
                action=item["action"],
                order=order,
                **{f"text_{code}": item[code] for code in LANGUAGE_CODES},
            )
        return ["the “Get help now” block"]

    def load_topics(self):
        created = []
        for data in read_toml(CONTENT_DIR / "topics.toml")["topic"]:
            if not Topic.objects.filter(slug_lt=data["lt"]["slug"]).exists():
                Topic.objects.create(
                    order=data["order"],
                    shows_help_now=data.get("shows_help_now", False),
                    **translated(data, "name", "slug", "description"),
                )
                created.append(f"topic “{data['en']['name']}”")
        return created

    def load_articles(self):
        documents = [read_toml(path) for path in sorted(CONTENT_DIR.glob("articles/*.toml"))]
        topics = {
            data["key"]: Topic.objects.get(slug_lt=data["lt"]["slug"])
            for data in read_toml(CONTENT_DIR / "topics.toml")["topic"]
        }
        new_articles = {}
        for data in documents:
            if self.article_exists(data["lt"]["slug"]):
                continue
            new_articles[data["key"]] = (self.create_article(data, topics[data["topic"]]), data)
        for article, data in new_articles.values():
            related = [self.find_article(documents, key) for key in data.get("related", [])]
            article.related.set([other for other in related if other])
        return [f"article “{data['en']['title']}”" for _article, data in new_articles.values()]

    def article_exists(self, slug_lt):
        return (
            Article.objects.filter(slug_lt=slug_lt).exists()
            or OldSlug.objects.filter(language="lt", slug=slug_lt).exists()
        )

    def find_article(self, documents, key):
        for data in documents:
            if data["key"] == key:
                return Article.objects.filter(slug_lt=data["lt"]["slug"]).first()
        return None

    def create_article(self, data, topic):
        # Earlier articles in the reading order get later dates, so lists show them first.
        # No review is recorded: the demo content ships unreviewed, and the page says
        # so until a clinician signs it off.
        article = Article(
            topic=topic,
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(hours=data["order"]),
            featured=data.get("featured", False),
            **translated(data, "title", "slug", "summary", "body", "image_alt"),
        )
        article.image = illustration_file(data["illustration"])
        article.save()
        faq = zip(data["lt"].get("faq", []), data["en"].get("faq", []), strict=True)
        for order, (lt, en) in enumerate(faq):
            FAQItem.objects.create(
                article=article,
                order=order,
                question_lt=lt["question"],
                answer_lt=lt["answer"],
                question_en=en["question"],
                answer_en=en["answer"],
            )
        article.refresh_search_document()
        return article
