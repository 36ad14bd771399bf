"""The site's languages, in one place: Lithuanian first, then English.

Settings, modeltranslation, the admin and the apps all read them from here, so that a
third language would be one line. Plain data: settings import this module before Django
is set up.
"""

from django.utils.translation import gettext_lazy as _

# (code, name) as Django's LANGUAGES setting wants them; the first is the default.
LANGUAGES = [("lt", _("Lithuanian")), ("en", _("English"))]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
DEFAULT_LANGUAGE = LANGUAGE_CODES[0]


def localized(*field_names):
    """Each field's per-language column names: localized("title") is
    ("title_lt", "title_en"), for admin search_fields and the like."""
    return tuple(f"{name}_{code}" for name in field_names for code in LANGUAGE_CODES)
