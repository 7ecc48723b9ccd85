"""Bodies, their names over time and how often they meet."""

from ninja import Schema

from cica.registry.russian import basis_of
from cica.registry.schemas.records import (
    CitedTextOut,
    DecisionRefOut,
    PeriodOut,
    decision_of,
    source_ids,
)


class BodyNameOut(PeriodOut):
    name_en: str
    name_ru: str | None
    # Where the Russian name comes from: a source of the data, "standard" or "translation".
    name_ru_basis: str | None
    sources: list[str]
    decision: DecisionRefOut | None

    @staticmethod
    def resolve_name_ru_basis(obj) -> str | None:
        return basis_of(obj.name_en, obj.name_ru)

    @staticmethod
    def resolve_decision(obj):
        return decision_of(obj)

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return source_ids(obj)


class FrequencyOut(Schema):
    text: str
    note: str
    sources: list[str]

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return source_ids(obj)


class BodyOut(Schema):
    id: str
    kind: str
    name_en: str | None
    name_ru: str | None
    established: str | None
    names: list[BodyNameOut]
    frequency: list[FrequencyOut]
    notes: list[CitedTextOut]
    conflicts: list[str]

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.key

    @staticmethod
    def resolve_name_en(obj) -> str | None:
        return obj.name_en_on_date

    @staticmethod
    def resolve_name_ru(obj) -> str | None:
        return obj.name_ru_on_date or None

    @staticmethod
    def resolve_established(obj) -> str | None:
        return obj.established_text or None

    @staticmethod
    def resolve_names(obj):
        return list(obj.names.all())

    @staticmethod
    def resolve_frequency(obj):
        return list(obj.frequencies.all())
