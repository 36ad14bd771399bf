import datetime
from io import BytesIO

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, FAQItem, Topic


def png_upload(name="illustration.png", size=(1600, 900), color=(15, 118, 110)):
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name_lt = factory.Sequence(lambda n: f"Trigeriniai taškai {n}")
    name_en = factory.Sequence(lambda n: f"Trigger points {n}")
    description_lt = "Įtempti, skausmingi raumenų mazgeliai."
    description_en = "Tight, tender knots in a muscle."
    order = factory.Sequence(int)


BODY_LT = (
    "<h2>Kas tai yra?</h2><p>Trigerinis taškas – įtemptas raumens mazgas žasto srityje.</p>"
    "<h2>Kodėl skauda?</h2><p>Skausmas gali plisti, ypač kai jaučiate šaltį.</p>"
    "<h2>Ką daryti?</h2><p>Kreipkitės į skausmo gydytoją.</p>"
)
BODY_EN = (
    "<h2>What is it?</h2><p>A trigger point is a tight knot in the upper arm muscle.</p>"
    "<h2>Why does it hurt?</h2><p>The pain can spread, especially in the cold.</p>"
    "<h2>What can I do?</h2><p>See a pain physician.</p>"
)


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article in both languages, published an hour ago."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    topic = factory.SubFactory(TopicFactory)
    title_lt = factory.Sequence(lambda n: f"Žasto skausmas {n}")
    title_en = factory.Sequence(lambda n: f"Upper arm pain {n}")
    summary_lt = "Kodėl skauda žastą ir kaip padeda gydytojas."
    summary_en = "Why the upper arm hurts and how a doctor helps."
    body_lt = BODY_LT
    body_en = BODY_EN
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    class Params:
        lithuanian_only = factory.Trait(title_en=None, summary_en=None, body_en="")
        draft = factory.Trait(status=Article.Status.DRAFT)
        with_image = factory.Trait(
            image=factory.LazyFunction(png_upload),
            image_alt_lt="Schema: raumens mazgas.",
            image_alt_en="Diagram: a knot in a muscle.",
        )


class FAQItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQItem

    article = factory.SubFactory(ArticleFactory)
    question_lt = factory.Sequence(lambda n: f"Ar injekcija skausminga? {n}")
    question_en = factory.Sequence(lambda n: f"Does the injection hurt? {n}")
    answer_lt = "<p>Dauguma žmonių jaučia tik trumpą dūrį.</p>"
    answer_en = "<p>Most people feel only a short prick.</p>"
    order = factory.Sequence(int)
