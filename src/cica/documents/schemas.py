"""The documents API's shapes; dates keep their sources' precision."""

import datetime as dt

from ninja import Schema


class DocumentOut(Schema):
    id: str
    type: str
    title_en: str
    title_ru: str | None
    date: str | None
    place: str
    body: str | None
    sources: list[str]

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.key

    @staticmethod
    def resolve_date(obj) -> str | None:
        return obj.date_text or None

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body.key if obj.body else None

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]


class DocumentDetailOut(DocumentOut):
    action: str
    amendments: list[dict]
    notes: list[dict]
    conflicts: list[str]


class TreatyActionOut(Schema):
    kind: str
    date: str | None
    place: str
    basis: str
    note: str
    sources: list[str]

    @staticmethod
    def resolve_date(obj) -> str | None:
        return obj.date_text or None

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]


class StateActionsOut(Schema):
    state: str
    actions: list[TreatyActionOut]

    @staticmethod
    def resolve_state(obj) -> str:
        return obj["state"].code


class EntryIntoForceOut(Schema):
    in_force: bool
    in_force_on: dt.date | None
    signatories: int
    consents: int
    needed: int | None
    rule: str | None


class TreatyStatusOut(Schema):
    document: str
    depositary: str | None
    provisional_application: bool
    entry_into_force: EntryIntoForceOut
    states: list[StateActionsOut]
