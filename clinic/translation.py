from modeltranslation.translator import TranslationOptions, register

from clinic.models import ClinicDetails, HelpNowItem


@register(ClinicDetails)
class ClinicDetailsTranslationOptions(TranslationOptions):
    fields = ("name", "address", "opening_hours", "contact_sentence", "about")
    required_languages = {"lt": ("name", "contact_sentence")}


@register(HelpNowItem)
class HelpNowItemTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("lt", "en")
