"""The registry's forms (the date a page is shown for, a state's names) and the form fields of
its records, for the apps' forms."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cica.core import clock, limits
from cica.core.dates import IsoDateField
from cica.registry.models import Body
from cica.registry.queries import body_names_on


class BodyChoiceField(forms.ModelChoiceField):
    """A select of CICA's bodies by their names today, in the page's language, never by key."""

    def __init__(self, **kwargs):
        kwargs.setdefault("to_field_name", "key")
        super().__init__(queryset=Body.objects.order_by("position"), **kwargs)

    def label_from_instance(self, obj: Body) -> str:
        # One query for all the labels of a rendered select, named on the day it is rendered.
        if getattr(self, "_names", None) is None:
            named = Body.objects.annotate(**body_names_on(clock.today()))
            # The django plugin cannot see names annotated from a dict (body_names_on).
            rows = named.values_list("pk", "body_name_en", "body_name_ru")  # type: ignore[misc]
            self._names = {pk: (en, ru) for pk, en, ru in rows}
        english, russian = self._names.get(obj.pk, ("", ""))
        in_russian = (translation.get_language() or "").startswith("ru")
        return (in_russian and russian) or english or obj.key

    def __deepcopy__(self, memo):
        # Each form gets its own field: names are looked up again for each rendering.
        # django-stubs leaves out the __deepcopy__ every form field has (django.forms.Field).
        result = super().__deepcopy__(memo)  # type: ignore[misc]
        result._names = None
        return result


class AsOfForm(forms.Form):
    as_of = IsoDateField(
        label=_("As of"),
        required=False,
        help_text=_("Show the registry as it stood on this date."),
    )


class StateNamesForm(forms.Form):
    name_en = forms.CharField(label=_("Name in English"), max_length=limits.NAME)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=limits.NAME)
