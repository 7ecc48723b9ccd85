"""The Secretariat on a date: its seat, and each post with its title and holder."""

from ninja import Schema

from cica.registry.russian import basis_of
from cica.registry.schemas.records import (
    DecisionRefOut,
    OnDateOut,
    PeriodOut,
    decision_of,
    source_ids,
)


class PostTitleOut(PeriodOut):
    title_en: str
    title_ru: str | None
    sources: list[str]

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return source_ids(obj)


class PostHolderOut(PeriodOut, OnDateOut):
    person: str
    person_ru: str | None
    title: str
    title_ru: str | None
    # Where the Russian forms come from: "standard" (GLOSSARY-RU), "translation", "source".
    person_ru_basis: str | None
    nationality: str | None
    attested: list[str]
    note: str
    sources: list[str]
    decision: DecisionRefOut | None

    @staticmethod
    def resolve_decision(obj):
        return decision_of(obj)

    @staticmethod
    def resolve_person(obj) -> str:
        return obj.person_en or obj.person

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title_en or obj.title

    @staticmethod
    def resolve_person_ru_basis(obj) -> str | None:
        return basis_of(obj.person_en, obj.person_ru)

    @staticmethod
    def resolve_nationality(obj) -> str | None:
        return obj.nationality.code if obj.nationality else None

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return source_ids(obj)


class PostOut(Schema):
    post: str
    title: PostTitleOut | None
    holder: PostHolderOut | None

    @staticmethod
    def resolve_post(obj) -> str:
        return obj.kind

    @staticmethod
    def resolve_title(obj):
        return obj.titles_on_date[-1] if obj.titles_on_date else None


class SeatOut(PeriodOut, OnDateOut):
    city_en: str
    city_ru: str | None
    note: str
    sources: list[str]

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return source_ids(obj)


class SecretariatOut(Schema):
    as_of: str
    seat: SeatOut | None
    posts: list[PostOut]
