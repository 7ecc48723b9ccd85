import datetime as dt
import re
import types
import typing
from typing import cast

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from pydantic.fields import FieldInfo

from cica.core import clock, effects, limits
from cica.core.dates import IsoDateField
from cica.decisions import competence
from cica.decisions.models import Draft
from cica.registry.models import Application


def _form_field(
    params: type[effects.Params], name: str, info: FieldInfo, kinds: list[Draft.Kind]
) -> forms.Field:
    """An optional form field for one parameter of an effect, from its schema."""
    key = info.alias or name
    label = info.title or key
    # A parameter of one kind says what it is; one several kinds share, which kinds need it.
    help_text = (
        info.description or ""
        if len(kinds) == 1
        else format_lazy(_("For: {kinds}."), kinds="; ".join(str(k.label) for k in kinds))
    )
    annotation = info.annotation
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    members = typing.get_args(annotation) if union else (annotation,)
    if dt.date in members:
        return IsoDateField(label=label, help_text=help_text, required=False)
    literal = next((t for t in members if typing.get_origin(t) is typing.Literal), None)
    if literal is not None:
        labels = dict(getattr(params, "choices", {}).get(key, []))
        return forms.ChoiceField(
            label=label,
            help_text=help_text,
            required=False,
            choices=[("", "—")] + [(v, labels.get(v, v)) for v in typing.get_args(literal)],
        )
    max_length = next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)
    return forms.CharField(label=label, help_text=help_text, max_length=max_length, required=False)


def effect_fields() -> dict[str, forms.Field]:
    """The parameters of every kind's effect (core.effects), as optional fields named
    `effect_<parameter>` in the order of the kinds; the first kind naming one gives its label."""
    users: dict[str, list[Draft.Kind]] = {}
    first: dict[str, tuple[type[effects.Params], str, FieldInfo]] = {}
    for kind in Draft.Kind:
        params = effects.get(kind.value).params
        for name, info in params.model_fields.items():
            key = info.alias or name
            users.setdefault(key, []).append(kind)
            first.setdefault(key, (params, name, info))
    return {f"effect_{key}": _form_field(*first[key], kinds=users[key]) for key in first}


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(effect_fields())

    def add_error(self, field, error):
        # The actions name an effect's parameter "effect.state"; the form's field is effect_state.
        if isinstance(field, str) and field.startswith("effect."):
            field = field.replace(".", "_")
            field = field if field in self.fields else None
        super().add_error(field, error)

    def effect(self) -> dict:
        """The effect's parameters from the filled-in fields (checked by the action)."""
        return {
            name.removeprefix("effect_"): value.isoformat() if isinstance(value, dt.date) else value
            for name, value in self.cleaned_data.items()
            if name.startswith("effect_") and value not in (None, "")
        }


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
        cast(forms.ChoiceField, self.fields["body"]).choices = [
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
        cast(forms.ChoiceField, self.fields["present"]).choices = choices
        cast(forms.ChoiceField, self.fields["objecting"]).choices = choices


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
