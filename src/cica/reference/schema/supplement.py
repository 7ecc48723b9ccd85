"""supplement.yaml: cited facts the reference file does not hold, in English and Russian."""

from pydantic import Field

from cica.reference.schema.base import Record, SourceIds


class QuoteIn(Record):
    """A source's own words, and their Russian translation."""

    source: str
    en: str
    ru: str


class SupplementFactIn(Record):
    """A cited fact of supplement.yaml, in English and Russian."""

    key: str = Field(pattern=r"^[a-z0-9-]+$", max_length=50)
    date: str = ""
    en: str
    ru: str
    ru_basis: str = Field(pattern=r"^(translation|standard)$")
    see: str = ""
    quotes: list[QuoteIn] = []
    sources: SourceIds = Field(min_length=1)


class SupplementIn(Record):
    about: list[SupplementFactIn] = []
