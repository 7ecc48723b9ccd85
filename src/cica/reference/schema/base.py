"""What the sections' shapes share: the record, its partial dates, its cited texts."""

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from cica.core.dates import Precision, parse_partial_date


def _partial_date(value: Any) -> tuple[dt.date, Precision] | None:
    if value is None:
        return None
    if isinstance(value, dt.date):  # an unquoted YAML date
        return value, Precision.DAY
    if isinstance(value, int):  # an unquoted year
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("a date must be a string YYYY, YYYY-MM or YYYY-MM-DD")
    return parse_partial_date(value)


def listify(value: Any) -> Any:
    """Some fields (`how:`, `attested:`) hold a single item or a list."""
    return value if isinstance(value, list) or value is None else [value]


PartialDate = Annotated[tuple[dt.date, Precision] | None, BeforeValidator(_partial_date)]
SourceIds = Annotated[list[str], Field(default_factory=list)]


class Record(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    @model_validator(mode="after")
    def _period_ordered(self):
        start, end = getattr(self, "valid_from", None), getattr(self, "valid_to", None)
        if start and end and end[0] < start[0]:
            raise ValueError("'to' is earlier than 'from'")
        return self


class CitedText(Record):
    text: str
    sources: SourceIds


OneOrMoreTexts = Annotated[list[CitedText], BeforeValidator(listify)]
OneOrMoreStrings = Annotated[list[str], BeforeValidator(listify)]


def one_of(value: str, choices) -> str:
    if value not in choices.values:
        raise ValueError(f"{value!r} is not one of: {', '.join(choices.values)}")
    return value
