"""Fields kept in English and Russian (django-modeltranslation adds name_en and name_ru)."""

from modeltranslation.translator import TranslationOptions, register

from cica.registry.models import (
    BodyName,
    CitedFact,
    Organization,
    PostHolder,
    PostTitle,
    Seat,
    State,
)


@register(State)
class StateTranslation(TranslationOptions):
    fields = ("name",)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)


@register(BodyName)
class BodyNameTranslation(TranslationOptions):
    fields = ("name",)


@register(PostTitle)
class PostTitleTranslation(TranslationOptions):
    fields = ("title",)


@register(Seat)
class SeatTranslation(TranslationOptions):
    fields = ("city",)


@register(PostHolder)
class PostHolderTranslation(TranslationOptions):
    # Names in Cyrillic on Russian pages: Kairat Sarybay, Кайрат Сарыбай (GLOSSARY-RU).
    fields = ("person", "title")


@register(CitedFact)
class CitedFactTranslation(TranslationOptions):
    fields = ("text",)
