"""The meetings' sections: summits, ministerials and other meetings, the calendar."""

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from cica.reference.schema.base import CitedText, PartialDate, Record, SourceIds, listify


class PreparatoryMeetingIn(Record):
    date: PartialDate = None
    end_date: PartialDate = None
    city: str = ""
    kind: str
    participants: int | None = None
    sources: SourceIds


class AttendanceIn(Record):
    text: str
    note: str = ""
    sources: SourceIds


OneOrMoreAttendances = Annotated[list[AttendanceIn], BeforeValidator(listify)]


class MeetingIn(Record):
    ordinal: int | None = None
    status: str = ""
    date: PartialDate = None
    end_date: PartialDate = None
    date_range: str = ""
    city: str = ""
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    format: str = ""
    chair: Any = None
    theme: str = ""
    occasion: str = ""
    attendance: OneOrMoreAttendances = []
    decisions: list[CitedText] = []
    notes: list[CitedText] = []
    conflicts: list[str] = []


class OtherMeetingIn(Record):
    date: PartialDate = None
    end_date: PartialDate = None
    city: str = ""
    kind: str = ""
    body: str | None = None
    format: str = ""
    note: str = ""
    sources: SourceIds


class MeetingsIn(Record):
    summits: list[MeetingIn] = []
    pre_conference_meetings: list[PreparatoryMeetingIn] = []
    ministerials: list[MeetingIn] = []
    special_and_informal_ministerials: list[OtherMeetingIn] = []
    soc_swg_notable: list[OtherMeetingIn] = []


class CalendarEntryIn(Record):
    name: str
    month_day: str = Field("", pattern=r"^(\d{2}-\d{2})?$")
    period: str = ""
    date: str = ""
    recurring: str = ""
    note: str = ""
    sources: SourceIds
