"""Template tags for article pages: absolute addresses and JSON-LD structured data."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As in Django's json_script: the JSON can never close the <script> element or open
# a comment, whatever an editor wrote into the article.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(encoded.translate(JSON_SCRIPT_ESCAPES)),
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def structured_data(context, article=None, sign_off=None):
    """JSON-LD for search engines: the clinic (MedicalClinic) on every page that asks,
    and for an article its MedicalWebPage and, with questions, its FAQPage. Only a
    clinical sign-off gives the page lastReviewed and reviewedBy."""
    request = context["request"]
    clinic = context["clinic"]
    home = request.build_absolute_uri(reverse("home"))
    clinic_node = {
        "@type": "MedicalClinic",
        "@id": f"{home}#clinic",
        "name": clinic.name,
        "url": home,
        "telephone": clinic.phone_uri.removeprefix("tel:"),
    }
    if clinic.address:
        clinic_node["address"] = clinic.address
    if clinic.email:
        clinic_node["email"] = clinic.email
    graph = [clinic_node]
    if article is not None:
        graph += _article_nodes(context, article, clinic_node["@id"], sign_off)
    return json_ld_script({"@context": "https://schema.org", "@graph": graph})


def _article_nodes(context, article, clinic_id, sign_off):
    page_url = context["canonical_url"]
    page = {
        "@type": "MedicalWebPage",
        "@id": page_url,
        "url": page_url,
        "name": article.title,
        "description": article.summary,
        "inLanguage": context["content_language"],
        "datePublished": article.publish_at,
        "dateModified": article.updated_at,
        "publisher": {"@id": clinic_id},
    }
    if article.topic:  # a draft may have none yet
        page["about"] = {"@type": "Thing", "name": article.topic.name}
    if sign_off is not None:
        page["lastReviewed"] = timezone.localtime(sign_off.signed_at).date()
        page["reviewedBy"] = {
            "@type": "Person",
            "name": sign_off.reviewer_name,
            "jobTitle": sign_off.reviewer_role,
        }
    picture = article.picture
    if picture:
        page["image"] = context["request"].build_absolute_uri(picture["src"])
    nodes = [page]
    faq_items = list(article.faq_items.all())
    if faq_items:
        nodes.append(
            {
                "@type": "FAQPage",
                "@id": f"{page_url}#faq",
                "inLanguage": context["content_language"],
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": item.question,
                        "acceptedAnswer": {"@type": "Answer", "text": item.answer},
                    }
                    for item in faq_items
                ],
            }
        )
    return nodes
