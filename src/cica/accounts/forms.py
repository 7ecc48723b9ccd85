from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, such as the program that uses it."),
    )
    days = forms.IntegerField(
        label=_("Days it lasts"),
        min_value=1,
        max_value=settings.CICA_API_TOKEN_MAX_DAYS,
        initial=settings.CICA_API_TOKEN_DAYS,
    )
