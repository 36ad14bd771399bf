"""The article page's review line and JSON-LD come from the latest clinical sign-off."""

from django import template

from reviews.models import SignOff

register = template.Library()


@register.simple_tag
def latest_sign_off(article):
    """The article's latest sign-off, or None; read once per page."""
    if not hasattr(article, "_latest_sign_off"):
        article._latest_sign_off = SignOff.objects.latest_for(article)
    return article._latest_sign_off
