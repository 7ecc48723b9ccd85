"""Fields kept in English and Russian (django-modeltranslation adds name_en and name_ru)."""

from modeltranslation.translator import TranslationOptions, register

from cica.registry.models import BodyName, CitedFact, Organization, PostTitle, Seat, State


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


@register(CitedFact)
class CitedFactTranslation(TranslationOptions):
    fields = ("text",)
