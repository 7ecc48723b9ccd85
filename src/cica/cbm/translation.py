from modeltranslation.translator import TranslationOptions, register

from cica.cbm.models import Dimension, Measure, PriorityArea


@register(Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name",)


@register(PriorityArea)
class PriorityAreaTranslation(TranslationOptions):
    fields = ("name",)


@register(Measure)
class MeasureTranslation(TranslationOptions):
    fields = ("text",)
