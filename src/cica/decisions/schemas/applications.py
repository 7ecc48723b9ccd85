"""A state's application for membership or observer status."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from cica.core import limits
from cica.core.api import Key
from cica.core.dates import IsoDate


class ApplicationIn(Schema):
    kind: Literal["membership", "observer"]
    date: IsoDate
    note: str = Field("", max_length=limits.NOTE)
    sources: list[Key] = Field(
        default_factory=list, max_length=100, description="ids of the sources"
    )


class ApplicationOut(Schema):
    id: int
    state: str
    kind: str
    date: dt.date
    note: str
    sources: list[str]

    @staticmethod
    def resolve_state(obj) -> str:
        return obj.state.code

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.key for source in obj.sources.all()]
