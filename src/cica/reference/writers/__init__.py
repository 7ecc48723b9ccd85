"""Writes a checked reference dataset into the registry, decisions, meetings, documents and CBMs.

Runs inside load_reference's transaction. The reference data's own records are replaced as a
whole; records made by actions are left alone.
"""

from cica.cbm.models import Coordination, PriorityArea
from cica.decisions.models import Decision
from cica.documents.models import TreatyAction, TreatyParameters
from cica.meetings.models import CalendarEntry, CycleRule, Meeting
from cica.reference.writers.about import AboutWriter
from cica.reference.writers.cbm import CbmWriter
from cica.reference.writers.decisions import DecisionsWriter
from cica.reference.writers.documents import DocumentsWriter
from cica.reference.writers.meetings import MeetingsWriter
from cica.reference.writers.registry import RegistryWriter
from cica.registry.models import (
    BodyFrequency,
    BodyName,
    Chairmanship,
    CitedFact,
    Conflict,
    MembershipStatus,
    PostHolder,
    PostTitle,
    ReportedCount,
    Seat,
)


class Writer(
    RegistryWriter, DecisionsWriter, MeetingsWriter, DocumentsWriter, CbmWriter, AboutWriter
):
    """Writes one checked dataset; every method runs inside load_reference's transaction."""

    def write(self) -> dict[str, int]:
        # The reference data's own records are replaced as a whole; records that actions made
        # (a status from an admission decision, say) stay.
        for model in (
            MembershipStatus,
            BodyName,
            BodyFrequency,
            Chairmanship,
            PostTitle,
            PostHolder,
            Seat,
            CitedFact,
            ReportedCount,
        ):
            model.objects.filter(from_reference=True).delete()
        Conflict.objects.all().delete()
        Decision.objects.filter(from_reference=True, historical=True).delete()
        # Meetings keep their calendar ids across reloads: matched by body, date and title below.
        CycleRule.objects.filter(from_reference=True).delete()
        CalendarEntry.objects.filter(from_reference=True).delete()
        TreatyAction.objects.filter(from_reference=True).delete()
        TreatyParameters.objects.filter(from_reference=True).delete()
        Coordination.objects.filter(from_reference=True).delete()
        self._sources()
        states = self._states()
        self._organizations()
        self._bodies()
        self._chairmanships(states)
        self._secretariat(states)
        self._facts_and_conflicts()
        self._historical_decisions()
        self._meetings()
        self._cycle_rules()
        self._calendar()
        self._documents()
        self._cbm()
        self._about()
        return {
            "sources": len(self.data.sources),
            "states": len(self.data.states),
            "organizations": len(self.data.organizations),
            "statuses": MembershipStatus.objects.count(),
            "bodies": len(self.data.bodies),
            "chairmanships": len(self.data.chairmanships),
            "reported_counts": len(self.data.counts_over_time),
            "conflicts": len(self.data.conflicts),
            "historical_decisions": Decision.objects.filter(historical=True).count(),
            "meetings": Meeting.objects.filter(from_reference=True).count(),
            "documents": len(self.data.documents),
            "cbm_areas": PriorityArea.objects.count(),
        }
