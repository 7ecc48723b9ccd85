from django import forms
from django.utils.translation import gettext_lazy as _

from cica.cbm.models import Coordination, Kind, PlannedEvent, PriorityArea
from cica.core import clock, limits
from cica.core.dates import IsoDateField
from cica.registry.models import Organization, State


class ActivityForm(forms.Form):
    """What a delegate or the Secretariat records; saved through the CBM actions."""

    area = forms.ModelChoiceField(
        label=_("Priority area"),
        queryset=PriorityArea.objects.select_related("dimension"),
        to_field_name="key",
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=limits.TITLE)
    start_date = IsoDateField(label=_("Start"))
    end_date = IsoDateField(
        label=_("End"),
        required=False,
        help_text=_("The same day if empty."),
    )
    host_state = forms.ModelChoiceField(
        label=_("Host state"), queryset=State.objects.order_by("name_en"), to_field_name="code"
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating states"),
        queryset=State.objects.order_by("name_en"),
        to_field_name="code",
        required=False,
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations"),
        queryset=Organization.objects.order_by("code"),
        to_field_name="code",
        required=False,
    )
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea, required=False, max_length=limits.COMMENT
    )
    planned_event = forms.ModelChoiceField(
        label=_("Planned event it implements"),
        queryset=PlannedEvent.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Events of this year's and last year's plans.
        self.fields["planned_event"].queryset = PlannedEvent.objects.filter(
            plan__year__gte=clock.today().year - 1
        ).select_related("plan")
        self.fields["planned_event"].label_from_instance = lambda event: (
            f"{event.plan.year}: {event.title}"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("An activity cannot end before it starts."))
        return data


class ActivityDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea, required=False, max_length=limits.NOTE
    )


class OfferForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Coordination.Role.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea, required=False, max_length=limits.NOTE
    )


class ReviewForm(forms.Form):
    start = IsoDateField(label=_("From"), required=False)
    end = IsoDateField(label=_("To"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The period ends before it starts."))
        return data


class ActivityFileForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, DOCX or TXT)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
    )
