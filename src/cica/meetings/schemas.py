"""The meetings API's shapes."""

import datetime as dt

from ninja import Schema

from cica.core.dates import format_partial_date
from cica.registry.schemas import FrequencyOut


class DelegationOut(Schema):
    state: str | None
    organization: str | None
    level: str
    head: str

    @staticmethod
    def resolve_state(obj) -> str | None:
        return obj.state.code if obj.state else None

    @staticmethod
    def resolve_organization(obj) -> str | None:
        return obj.organization.code if obj.organization else None


class AgendaItemOut(Schema):
    position: int
    title: str
    procedure: int | None

    @staticmethod
    def resolve_procedure(obj) -> int | None:
        return obj.procedure_id


class AttendanceOut(Schema):
    text: str
    # Given where the registry writes the text itself ("12 participants"); the data's own texts
    # have their Russian forms in cica.ru.yaml.
    text_ru: str | None = None
    note: str = ""
    sources: list[str]


class MeetingOut(Schema):
    id: int
    uid: str
    body: str | None
    # The body's name on the meeting's date (queries.with_body_names).
    body_name_en: str | None = None
    body_name_ru: str | None = None
    title_en: str | None
    title_ru: str | None
    ordinal: int | None
    kind: str
    status: str
    start_date: dt.date
    end_date: dt.date
    dates: str
    city: str
    country: str | None
    format: str
    chair: str | None
    sources: list[str]

    @staticmethod
    def resolve_uid(obj) -> str:
        return str(obj.uid)

    @staticmethod
    def resolve_body(obj) -> str | None:
        return obj.body.key if obj.body else None

    @staticmethod
    def resolve_dates(obj) -> str:
        """The dates as precisely as the sources give them."""
        return format_partial_date(obj.start_date, obj.date_precision)

    @staticmethod
    def resolve_country(obj) -> str | None:
        return obj.country.code if obj.country else None

    @staticmethod
    def resolve_chair(obj) -> str | None:
        return obj.chair.code if obj.chair else None

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]


class DecisionTakenOut(Schema):
    id: int
    symbol: str | None
    title: str


class MeetingDetailOut(MeetingOut):
    theme: str
    occasion: str
    decisions: list[DecisionTakenOut]
    attendance_reported: list[AttendanceOut]
    delegations: list[DelegationOut]
    agenda: list[AgendaItemOut]
    notes: list[dict]
    conflicts: list[str]

    @staticmethod
    def resolve_delegations(obj) -> list:
        return list(obj.delegations.all())

    @staticmethod
    def resolve_agenda(obj) -> list:
        return list(obj.agenda.all())

    @staticmethod
    def resolve_decisions(obj) -> list:
        from cica.meetings.queries import decisions_taken

        return list(decisions_taken(obj))


class CycleRuleOut(Schema):
    kind: str
    text: str
    interval_years: int | None
    after_body: str | None
    offset_years: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    sources: list[str]

    @staticmethod
    def resolve_after_body(obj) -> str | None:
        return obj.after_body.key if obj.after_body else None

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]


class ReadingOut(Schema):
    rule: str
    status: str | None


class SlotOut(Schema):
    year: int
    status: str
    rule: str
    meetings: list[int]
    chair: str | None
    readings: list[ReadingOut]

    @staticmethod
    def resolve_meetings(obj) -> list[int]:
        return [meeting.pk for meeting in obj.meetings]

    @staticmethod
    def resolve_chair(obj) -> str | None:
        return obj.chair.code if obj.chair else None


class CyclesOut(Schema):
    body: str
    name_en: str | None
    name_ru: str | None
    # How often the body meets as each source states it, and where the sources disagree.
    statements: list[FrequencyOut]
    conflicts: list[str]
    rules: list[CycleRuleOut]
    slots: list[SlotOut]
    next_due: SlotOut | None

    @staticmethod
    def resolve_body(obj) -> str:
        return obj["body"].key

    @staticmethod
    def resolve_conflicts(obj) -> list[str]:
        return obj["body"].conflicts
