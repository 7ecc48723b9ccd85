from modeltranslation.translator import TranslationOptions, register

from cica.meetings.models import Meeting


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title",)
