"""What the records' shapes share: sources, cited notes, periods, the decision that made one."""

from ninja import Schema


class SourceOut(Schema):
    id: str
    title: str
    url: str
    date: str

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.key


class CitedTextOut(Schema):
    kind: str
    text: str
    sources: list[str]


class UnknownEndsOut(Schema):
    """A null end is open ("present") unless `end_unknown`: no source gives it; a null start
    likewise unless `start_unknown` ("date unknown")."""

    start_unknown: bool
    end_unknown: bool

    @staticmethod
    def resolve_start_unknown(obj) -> bool:
        return obj.from_unknown

    @staticmethod
    def resolve_end_unknown(obj) -> bool:
        return obj.to_unknown


class PeriodOut(UnknownEndsOut):
    """A period as precise as its sources."""

    valid_from: str | None
    valid_to: str | None

    @staticmethod
    def resolve_valid_from(obj) -> str | None:
        return obj.from_text or None

    @staticmethod
    def resolve_valid_to(obj) -> str | None:
        return obj.to_text or None


class OnDateOut(Schema):
    # On the date asked: true when a boundary around that day is known only to its month or
    # year (or not at all), so the record may or may not hold that day.
    approximate: bool | None = None

    @staticmethod
    def resolve_approximate(obj) -> bool | None:
        return getattr(obj, "approximate", None)


def source_ids(obj) -> list[str]:
    return [source.key for source in obj.sources.all()]


class DecisionRefOut(Schema):
    """The decision that made a registry change, for records made by an adopted decision."""

    id: int
    symbol: str | None


def decision_of(obj):
    # The decision whose effect made the record (models.Decided); none for reference records.
    return getattr(obj, "decision", None)


class ConflictOut(Schema):
    topic: str
    values: list[dict]
    resolution: str
