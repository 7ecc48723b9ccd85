from django import forms
from django.utils.translation import gettext_lazy as _

from cica.core import limits
from cica.core.dates import IsoDateField


class AsOfForm(forms.Form):
    as_of = IsoDateField(
        label=_("As of"),
        required=False,
        help_text=_("Show the registry as it stood on this date."),
    )


class StateNamesForm(forms.Form):
    name_en = forms.CharField(label=_("Name in English"), max_length=limits.NAME)
    name_ru = forms.CharField(label=_("Name in Russian"), max_length=limits.NAME)
