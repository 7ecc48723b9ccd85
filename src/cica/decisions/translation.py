from modeltranslation.translator import TranslationOptions, register

from cica.decisions.models import Decision


@register(Decision)
class DecisionTranslation(TranslationOptions):
    # How a past decision was taken names the meeting as it was named, in each language.
    fields = ("how",)
