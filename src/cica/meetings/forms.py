from django import forms
from django.utils.translation import gettext_lazy as _

from cica.core import limits
from cica.core.dates import IsoDateField
from cica.meetings import queries
from cica.meetings.actions import EDITABLE, TEXT_LIMITS
from cica.meetings.models import Delegation, Meeting
from cica.registry.models import Body, State


class BodyChoiceField(forms.ModelChoiceField):
    """A body by its key, shown by its name today (queries.named_bodies), never by its key."""

    def label_from_instance(self, obj) -> str:
        return self.names.get(obj.key, "")


class MeetingForm(forms.ModelForm):
    """The Secretariat's form for a meeting; saved through the meetings actions, not .save()."""

    body = BodyChoiceField(
        label=_("Body"), queryset=Body.objects.order_by("position"), to_field_name="key"
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=State.objects.order_by("name_en"),
        to_field_name="code",
        required=False,
    )
    chair = forms.ModelChoiceField(
        label=_("Chairing state"),
        queryset=State.objects.order_by("name_en"),
        to_field_name="code",
        required=False,
    )

    class Meta:
        model = Meeting
        fields = ["body", *EDITABLE]
        field_classes = {"start_date": IsoDateField, "end_date": IsoDateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].names = dict(queries.named_bodies())
        help_text = _("Leave empty: the body's name on the meeting's date, with its ordinal.")
        for name in ("title_en", "title_ru"):
            self.fields[name].help_text = help_text
        limits.limit_form_fields(self, TEXT_LIMITS)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A meeting cannot end before it starts."))
        return data

    def _post_clean(self):
        # The action validates and saves; the model instance is not filled in here.
        pass


class DelegationForm(forms.Form):
    state = forms.ModelChoiceField(
        label=_("State"),
        queryset=State.objects.order_by("name_en"),
        to_field_name="code",
        required=False,
    )
    level = forms.ChoiceField(label=_("Level"), choices=Delegation.Level.choices)
    head = forms.CharField(label=_("Head of delegation"), max_length=limits.NAME, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), max_length=limits.COMMENT, required=False
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=limits.TITLE)
    version = forms.IntegerField(
        label=_("Version to put to the meeting (id)"),
        required=False,
        help_text=_("Optional: the id of a draft's version, to decide on it by consensus."),
    )
