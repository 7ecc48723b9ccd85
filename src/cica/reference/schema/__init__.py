"""The shape of the reference file's sections, checked before anything is written.

Sections no app reads yet (rules, gaps, ...) and unknown keys are passed over, so the dataset can
grow ahead of the code. A module per app's sections; the whole file is dataset.ReferenceIn.
"""

from cica.reference.schema.base import (
    CitedText,
    OneOrMoreStrings,
    OneOrMoreTexts,
    PartialDate,
    Record,
    SourceIds,
)
from cica.reference.schema.cbm import (
    CatalogueVersionIn,
    CbmIn,
    CoordinatorIn,
    CoordinatorTermIn,
    DimensionIn,
    PriorityAreaIn,
    ProposedAreaIn,
)
from cica.reference.schema.dataset import MetaIn, ReferenceIn
from cica.reference.schema.documents import AmendmentIn, DocumentIn, TreatyActionIn
from cica.reference.schema.meetings import (
    AttendanceIn,
    CalendarEntryIn,
    MeetingIn,
    MeetingsIn,
    OneOrMoreAttendances,
    OtherMeetingIn,
    PreparatoryMeetingIn,
)
from cica.reference.schema.registry import (
    BodyIn,
    BodyMeetingIn,
    BodyNameIn,
    ChairmanshipIn,
    ConflictIn,
    ConflictValueIn,
    CountIn,
    EstablishedIn,
    FrequencyIn,
    HolderIn,
    OrganizationIn,
    PremisesIn,
    SeatIn,
    SecretariatIn,
    SourceIn,
    StateIn,
    StatusIn,
    TitleIn,
)
from cica.reference.schema.supplement import QuoteIn, SupplementFactIn, SupplementIn

__all__ = [
    "AmendmentIn",
    "AttendanceIn",
    "BodyIn",
    "BodyMeetingIn",
    "BodyNameIn",
    "CalendarEntryIn",
    "CatalogueVersionIn",
    "CbmIn",
    "ChairmanshipIn",
    "CitedText",
    "ConflictIn",
    "ConflictValueIn",
    "CoordinatorIn",
    "CoordinatorTermIn",
    "CountIn",
    "DimensionIn",
    "DocumentIn",
    "EstablishedIn",
    "FrequencyIn",
    "HolderIn",
    "MeetingIn",
    "MeetingsIn",
    "MetaIn",
    "OneOrMoreAttendances",
    "OneOrMoreStrings",
    "OneOrMoreTexts",
    "OrganizationIn",
    "OtherMeetingIn",
    "PartialDate",
    "PremisesIn",
    "PreparatoryMeetingIn",
    "PriorityAreaIn",
    "ProposedAreaIn",
    "QuoteIn",
    "Record",
    "ReferenceIn",
    "SeatIn",
    "SecretariatIn",
    "SourceIds",
    "SourceIn",
    "StateIn",
    "StatusIn",
    "SupplementFactIn",
    "SupplementIn",
    "TitleIn",
    "TreatyActionIn",
]
