from modeltranslation.translator import TranslationOptions, register

from reviews.models import SignOff


@register(SignOff)
class SignOffTranslationOptions(TranslationOptions):
    fields = ("reviewer_role",)
    required_languages = {"lt": ("reviewer_role",)}
