"""Rich text: what editors can write in the admin, and what of it reaches a page.

Every field an editor fills with formatted text (article bodies, FAQ answers, the
clinic's about text, the privacy notice) is a `RichTextField`. The admin's editor offers
exactly the elements `sanitize_html` keeps, and the models sanitise again on save, so a
page never runs a script whatever an editor pasted.
"""

import html
import re

import nh3
from csp.constants import NONCE
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorField
from js_asset import Media

from clinic.languages import LANGUAGE_CODES

ALLOWED_TAGS = {"h2", "h3", "p", "br", "ul", "ol", "li", "strong", "em", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# The editor's extensions, matching ALLOWED_TAGS.
EDITOR_EXTENSIONS = {
    "Paragraph": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False},
    "History": True,
}
# For short texts that need no headings, such as an FAQ answer.
EDITOR_EXTENSIONS_WITHOUT_HEADINGS = {
    name: config for name, config in EDITOR_EXTENSIONS.items() if name != "Heading"
}


def plain_text(markup):
    return re.sub(r"\s+", " ", html.unescape(strip_tags(markup or ""))).strip()


def sanitize_html(markup):
    """Keep only safe markup; no script, handler or javascript: URL survives.

    Markup without any text (the editor's empty "<p></p>") becomes "", so an empty
    field really is empty.
    """
    cleaned = nh3.clean(
        markup or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return cleaned if plain_text(cleaned) else ""


def sanitize_translations(instance, field_name):
    """Sanitise every language's copy of a translated rich-text field, before saving.

    The admin's editor sanitises what it submits; this catches every other way in
    (imports, the shell, a data migration).
    """
    for code in LANGUAGE_CODES:
        attname = f"{field_name}_{code}"
        setattr(instance, attname, sanitize_html(getattr(instance, attname)))


def formatted_for_reading(instance):
    """Lets the admin's read-only view (staff who may look but not edit, e.g. clinical
    reviewers) show stored rich text formatted, not as tags. Sanitised again first."""
    fields = instance._meta.concrete_fields
    # modeltranslation's per-language copies; the original field only reads one of them.
    originals = {getattr(field, "translated_field", None) for field in fields}
    for field in fields:
        if isinstance(field, RichTextField) and field not in originals:
            value = getattr(instance, field.attname)
            if value:
                setattr(instance, field.attname, mark_safe(sanitize_html(value)))


class RichTextField(ProseEditorField):
    """A text field edited in the admin's rich-text editor and sanitised by it."""

    def __init__(self, *args, extensions=None, **kwargs):
        kwargs.setdefault("config", {"extensions": extensions or EDITOR_EXTENSIONS})
        kwargs.setdefault("sanitize", sanitize_html)
        super().__init__(*args, **kwargs)


class RichTextAdminMixin:
    """Lets the rich-text editor run under the site's Content-Security-Policy.

    The editor loads its modules through an inline import map, which `script-src
    'self'` blocks: the change form gives that one element this response's CSP nonce,
    and the policy of this response alone allows it. The editor (Tiptap) also adds its
    base stylesheet as a <style> element, allowed by its hash.
    """

    # sha256 of Tiptap's injected stylesheet in django-prose-editor 0.28.0; a new version
    # of the editor may change it (the browser then reports the new hash).
    EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and not self.has_change_permission(request, obj):
            formatted_for_reading(obj)
        return obj

    def render_change_form(self, request, context, *args, **kwargs):
        # The editor's menu words go through the admin's JavaScript catalog.
        media = context["media"] + Media(js=["clinic_admin/prose_editor_translations.js"])
        context["media"] = Media.from_media(media, nonce=str(request.csp_nonce))
        response = super().render_change_form(request, context, *args, **kwargs)
        response._csp_update = {"script-src": [NONCE], "style-src": [self.EDITOR_STYLE_HASH]}
        return response
