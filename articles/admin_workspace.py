"""The article form as an editor's workspace (docs/articles.md, "Translating" and
"Writing tools"): both languages side by side, live readability and reading time, the
body editor's height, and a word when a chosen image was lost to another error.

The browser side is in static/articles/admin/ (side_by_side.*, writing_tools.*); its
strings are in the djangojs catalog. Kept apart from articles/admin.py so that other
changes to the article admin merge easily.
"""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from articles.text import WORDS_PER_MINUTE


class TranslationWorkspaceMixin:
    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["articles/admin/side_by_side.css", "articles/admin/writing_tools.css"]},
            js=["articles/admin/side_by_side.js", "articles/admin/writing_tools.js"],
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language and db_field.name == f"body_{language}":
            # What the writing tools need to know about each language's body.
            field.widget.attrs |= {
                "data-words-per-minute": WORDS_PER_MINUTE,
                "data-language": language,
            }
        return field

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        if request.FILES.get("image") and context.get("errors") and "image" not in form.errors:
            # A browser cannot put a chosen file back into the form: say so.
            self.message_user(
                request,
                _(
                    "The image you chose was not saved, because something else in the form "
                    "needs correcting. Choose the image again before you save."
                ),
                messages.WARNING,
            )
        return super().render_change_form(request, context, *args, **kwargs)
