import re

from django import forms
from django.utils.translation import gettext_lazy as _

from cica.core import clock, limits
from cica.core.dates import IsoDateField
from cica.decisions import competence
from cica.decisions.models import Draft
from cica.registry.models import Application


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Draft.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=limits.TITLE)
    text_en = forms.CharField(
        label=_("English text"), widget=forms.Textarea, required=False, max_length=limits.TEXT
    )
    text_ru = forms.CharField(
        label=_("Russian text"),
        widget=forms.Textarea,
        required=False,
        max_length=limits.TEXT,
        help_text=_("Leave empty while the translation is pending."),
    )
    effect_state = forms.CharField(
        label=_("State (ISO code)"),
        max_length=2,
        required=False,
        help_text=_("For an admission, observer status or chairmanship."),
    )
    effect_organization = forms.CharField(
        label=_("Organization (code)"), max_length=40, required=False
    )
    effect_from = IsoDateField(label=_("Term from"), required=False)
    effect_to = IsoDateField(label=_("Term to"), required=False)
    effect_person = forms.CharField(
        label=_("Person appointed"), max_length=limits.NAME, required=False
    )
    effect_body = forms.CharField(label=_("Body (id)"), max_length=60, required=False)
    effect_name_en = forms.CharField(
        label=_("New name in English"), max_length=limits.NAME, required=False
    )
    effect_name_ru = forms.CharField(
        label=_("New name in Russian"), max_length=limits.NAME, required=False
    )
    effect_document = forms.CharField(label=_("Document"), max_length=limits.LABEL, required=False)
    effect_area = forms.CharField(
        label=_("CBM priority area (id)"),
        max_length=60,
        required=False,
        help_text=_("For the assignment of a coordinator, e.g. ict_security."),
    )
    effect_role = forms.ChoiceField(
        label=_("Coordinating role"),
        choices=[
            ("", "—"),
            ("coordinator", _("coordinator")),
            ("co_coordinator", _("co-coordinator")),
        ],
        required=False,
    )

    def add_error(self, field, error):
        # The actions name an effect's parameter "effect.state"; the form's field is effect_state.
        if isinstance(field, str) and field.startswith("effect."):
            field = field.replace(".", "_")
            field = field if field in self.fields else None
        super().add_error(field, error)

    def effect(self) -> dict:
        """The effect's parameters from the filled-in fields (checked by the action)."""
        values = {
            name.removeprefix("effect_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("effect_") and value not in (None, "")
        }
        for key in ("from", "to"):
            if key in values:
                values[key] = values[key].isoformat()
        return values


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=limits.TITLE)
    text_en = forms.CharField(
        label=_("English text"), widget=forms.Textarea, required=False, max_length=limits.TEXT
    )
    text_ru = forms.CharField(
        label=_("Russian text"), widget=forms.Textarea, required=False, max_length=limits.TEXT
    )


class OpenProcedureForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Procedure"),
        choices=[("silence", _("silence procedure")), ("meeting", _("consensus at a meeting"))],
    )
    body = forms.ChoiceField(label=_("Body"))
    deadline = forms.DateTimeField(
        label=_("Deadline (Astana time)"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Silence procedure only; two weeks from now if empty."),
    )

    def __init__(self, *args, bodies=(), competent=(), **kwargs):
        super().__init__(*args, **kwargs)
        today = clock.today()
        self.fields["body"].choices = [
            (body.key, competence.body_name(body.key, today)) for body in bodies
        ]
        if competent:
            self.fields["body"].help_text = _(
                "A decision of this kind is adopted by: %(bodies)s (see the competence table)."
            ) % {"bodies": "; ".join(competent)}


class BreakForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=limits.COMMENT)
    proposed_wording = forms.CharField(
        label=_("Proposed wording"),
        widget=forms.Textarea,
        required=False,
        max_length=limits.COMMENT,
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea, max_length=limits.COMMENT)


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea, required=False, max_length=limits.COMMENT
    )


class WithdrawForm(forms.Form):
    """Withdrawing needs no input: the form only carries the CSRF token."""


class ExtendForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("New deadline (Astana time)"),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    chair_instruction = forms.CharField(
        label=_("The Chair's instruction"),
        max_length=limits.NOTE,
        required=False,
        help_text=_(
            "Extending is the Chair's act: the Secretariat extends only for the Chair. Name the "
            "Chair's instruction, e.g. the reference and date of its note."
        ),
    )

    def __init__(self, *args, for_chair: bool = True, **kwargs):
        """`for_chair`: the Secretariat acts for the Chair and names its instruction; the
        Chair's own delegate does not."""
        super().__init__(*args, **kwargs)
        if not for_chair:
            del self.fields["chair_instruction"]


class OutcomeForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Member states present"), widget=forms.CheckboxSelectMultiple
    )
    objecting = forms.MultipleChoiceField(
        label=_("Member states objecting"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, states=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(state.code, state.name) for state in states]
        self.fields["present"].choices = choices
        self.fields["objecting"].choices = choices


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Interpretative statement"), widget=forms.Textarea, max_length=limits.COMMENT
    )


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Application for"), choices=Application.Kind.choices)
    date = IsoDateField(label=_("Date of the application"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea, required=False, max_length=limits.NOTE
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        max_length=limits.NOTE,
        help_text=_("Ids of the sources, separated by spaces or commas."),
    )

    def clean_sources(self) -> list[str]:
        return [key for key in re.split(r"[\s,]+", self.cleaned_data["sources"]) if key]
