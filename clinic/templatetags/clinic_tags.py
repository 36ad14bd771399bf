from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from clinic.models import HelpNowItem

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in every language: [{"code", "name", "url", "is_current"}].

    A view that knows better than the URL resolver (an article, whose slug differs per
    language) offers `language_url(code)`; any other page is translated by its URL name.
    """
    request = context["request"]
    view = context.get("view")
    current = translation.get_language()
    versions = []
    for code, name in settings.LANGUAGES:
        if hasattr(view, "language_url"):
            url = view.language_url(code)
        else:
            url = translate_url(request.path, code)
        with translation.override(code):
            local_name = str(translation.gettext(name))
        versions.append(
            {"code": code, "name": local_name, "url": url, "is_current": code == current}
        )
    return versions


@register.simple_tag
def help_now_groups():
    """The "Get help now" block's lines, grouped by what to do (see HelpNowItem)."""
    return HelpNowItem.objects.grouped()


@register.filter
def unbreakable(text):
    """The text with no-break spaces, so a phone number never splits across lines
    (the words around it still may)."""
    return str(text).replace(" ", "\u00a0")
