from modeltranslation.translator import TranslationOptions, register

from clinic.models import ClinicDetails


@register(ClinicDetails)
class ClinicDetailsTranslationOptions(TranslationOptions):
    fields = ("name", "address", "opening_hours", "contact_sentence", "about")
    required_languages = {"lt": ("name", "contact_sentence")}
