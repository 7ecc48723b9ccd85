from django import forms
from django.utils.translation import gettext_lazy as _

from cica.core import limits
from cica.core.dates import IsoDateField
from cica.documents.actions import TEXT_LIMITS
from cica.documents.models import Document, DocumentFile, TreatyAction
from cica.registry.forms import BodyChoiceField
from cica.registry.models import State


class DocumentForm(forms.ModelForm):
    """The Secretariat's form for a register entry; saved through the actions, not .save()."""

    key = forms.SlugField(label=_("Id"), max_length=80, help_text=_("e.g. decl-7summit-2026"))
    body = BodyChoiceField(label=_("Body"), required=False)
    amends = forms.ModelMultipleChoiceField(
        label=_("Amends"),
        queryset=Document.objects.order_by("date", "key"),
        to_field_name="key",
        required=False,
    )
    supersedes = forms.ModelMultipleChoiceField(
        label=_("Supersedes"),
        queryset=Document.objects.order_by("date", "key"),
        to_field_name="key",
        required=False,
    )

    class Meta:
        model = Document
        fields = [
            "type",
            "symbol",
            "title_en",
            "title_ru",
            "status",
            "date",
            "place",
            "body",
            "text_en",
            "text_ru",
        ]
        field_classes = {"date": IsoDateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        limits.limit_form_fields(self, TEXT_LIMITS)
        if self.instance.pk:
            # The id is the document's address: it does not change.
            del self.fields["key"]
            others = Document.objects.exclude(pk=self.instance.pk).order_by("date", "key")
            self.fields["amends"].queryset = others
            self.fields["supersedes"].queryset = others
            self.initial["amends"] = list(self.instance.amends.all())
            self.initial["supersedes"] = list(self.instance.supersedes.all())

    def _post_clean(self):
        # The action validates and saves; the model instance is not filled in here.
        pass


class TreatyActionForm(forms.Form):
    state = forms.ModelChoiceField(
        label=_("State"), queryset=State.objects.order_by("name_en"), to_field_name="code"
    )
    kind = forms.ChoiceField(label=_("Action"), choices=TreatyAction.Kind.choices)
    date = IsoDateField(label=_("Date"))
    place = forms.CharField(label=_("Place"), max_length=limits.LABEL, required=False)
    note = forms.CharField(label=_("Note"), max_length=limits.NOTE, required=False)


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("File (PDF, DOCX or TXT)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=DocumentFile.Language.choices)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), max_length=200)
    lang = forms.ChoiceField(
        label=_("Language of the texts"),
        choices=[("", _("as typed")), *DocumentFile.Language.choices],
        required=False,
    )
    type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("All")), *Document.Type.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2200, required=False)
    body = BodyChoiceField(label=_("Body"), required=False, empty_label=_("All"))
