from modeltranslation.translator import TranslationOptions, register

from cica.documents.models import Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "text")
