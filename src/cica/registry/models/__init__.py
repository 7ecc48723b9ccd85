"""The institution: states, organizations, their statuses over time, bodies, chairs, Secretariat.

Records loaded from the reference data keep the ids of the sources that state them. Facts known
only to the year or month keep that precision (see cica.core.dates). Counts are never stored:
they are derived from the status histories (see queries).

Django finds the app's models here: every model class is imported below.
"""

from cica.registry.models.bodies import Body, BodyFrequency, BodyName
from cica.registry.models.facts import CitedFact, Conflict, ReportedCount
from cica.registry.models.offices import Chairmanship, PostHolder, PostTitle, Seat, SecretariatPost
from cica.registry.models.parties import Application, MembershipStatus, Organization, State
from cica.registry.models.periods import Period, active_on, certain_on
from cica.registry.models.provenance import Cited, Decided, DecisionOfRecord, Source

__all__ = [
    "Application",
    "Body",
    "BodyFrequency",
    "BodyName",
    "Chairmanship",
    "Cited",
    "CitedFact",
    "Conflict",
    "Decided",
    "DecisionOfRecord",
    "MembershipStatus",
    "Organization",
    "Period",
    "PostHolder",
    "PostTitle",
    "ReportedCount",
    "Seat",
    "SecretariatPost",
    "Source",
    "State",
    "active_on",
    "certain_on",
]
