"""An adopted decision and the member states' interpretative statements on it."""

import datetime as dt

from ninja import Field, Schema

from cica.core import limits
from cica.core.api import NonBlank
from cica.decisions.schemas.receipts import StateActOut


class StatementOut(StateActOut):
    text: str


class StatementIn(Schema):
    text: NonBlank = Field(max_length=limits.COMMENT)


class DecisionOut(Schema):
    id: int
    symbol: str | None
    title: str
    kind: str
    body: str | None
    adopted_on: str
    adopted_at: dt.datetime | None
    how: str
    how_ru: str | None
    historical: bool
    version_hash: str | None
    procedure: int | None
    effect: dict
    effect_status: str
    effect_note: str
    statements: list[StatementOut]
    sources: list[str]

    @staticmethod
    def resolve_how(obj) -> str:
        return obj.how_en or ""

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body.key if obj.body else None

    @staticmethod
    def resolve_adopted_on(obj) -> str:
        from cica.core.dates import format_partial_date

        return format_partial_date(obj.adopted_on, obj.adopted_on_precision)

    @staticmethod
    def resolve_version_hash(obj) -> str | None:
        return obj.version.hash if obj.version else None

    @staticmethod
    def resolve_procedure(obj) -> int | None:
        return obj.procedure_id

    @staticmethod
    def resolve_statements(obj) -> list:
        return list(obj.statements.all())

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]
