"""A draft, its versions and their differences; the draft's procedures as references."""

import datetime as dt
import json
from typing import Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from ninja import Field, Schema

from cica.core import effects, limits
from cica.core.api import NonBlank
from cica.decisions.models import Draft
from cica.decisions.queries import status_of


class VersionOut(Schema):
    id: int
    number: int
    title: str
    text_en: str
    text_ru: str
    translation_pending: bool
    hash: str
    created_at: dt.datetime

    @staticmethod
    def resolve_translation_pending(obj) -> bool:
        return not obj.text_ru


class VersionRefOut(Schema):
    id: int
    number: int
    hash: str


def _effect_schemas(schema: dict) -> None:
    """The parameters of each kind's effect, from the schema its app registered (core.effects).

    Validated by the kind's effect when the draft is made, so a request keeps its shape
    (`{"kind": ..., "effect": {...}}`) and an error names `effect.<parameter>`.
    """
    kinds = []
    with translation.override("en"):
        for kind in Draft.Kind:
            params = effects.get(kind.value).params.model_json_schema(by_alias=True)
            params.update(title=kind.value, description=str(kind.label))
            kinds.append(params)
        # The labels are lazy translations: the document holds their English text.
        schema["anyOf"] = json.loads(json.dumps(kinds, cls=DjangoJSONEncoder))


class DraftIn(Schema):
    kind: Literal[tuple(Draft.Kind.values)]  # type: ignore[valid-type]
    title: NonBlank = Field(max_length=limits.TITLE)
    text_en: str = Field("", max_length=limits.TEXT)
    text_ru: str = Field("", max_length=limits.TEXT)
    effect: dict = Field(
        default_factory=dict,
        description=(
            "the parameters of the kind's effect: one of the objects below, the one titled by "
            "the draft's `kind`; members another kind names are ignored"
        ),
        json_schema_extra=_effect_schemas,
    )
    proposer: Literal[tuple(Draft.Proposer.values)] | None = None  # type: ignore[valid-type]


class VersionIn(Schema):
    title: NonBlank | None = Field(None, max_length=limits.TITLE)
    text_en: str = Field(max_length=limits.TEXT)
    text_ru: str = Field("", max_length=limits.TEXT)


class DraftCreatedOut(Schema):
    id: int
    version: VersionRefOut


class ProcedureRefOut(Schema):
    id: int
    kind: str
    body: str
    status: str

    @staticmethod
    def resolve_body(obj) -> str:
        return obj.body.key

    @staticmethod
    def resolve_status(obj) -> str:
        return status_of(obj)


class DraftOut(Schema):
    id: int
    kind: str
    effect: dict
    proposer: str
    proposer_state: str | None
    created_at: dt.datetime
    versions: list[VersionOut]
    procedures: list[ProcedureRefOut]

    @staticmethod
    def resolve_proposer_state(obj) -> str | None:
        return obj.proposer_state.code if obj.proposer_state else None

    @staticmethod
    def resolve_versions(obj):
        return list(obj.versions.all())

    @staticmethod
    def resolve_procedures(obj):
        return [p for version in obj.versions.all() for p in version.procedures.all()]


class DiffOut(Schema):
    language: str
    from_version: int
    to_version: int
    diff: str
