"""Reads of the registry. Statuses, names and counts on a date are derived in SQL."""

from cica.registry.queries.bodies import (
    BodyNamesOnDate,
    body_names_on,
    get_body_on,
    list_bodies,
)
from cica.registry.queries.figures import (
    CACHE_READS,
    compare_reported_counts,
    count_on,
    count_ranges,
    key_figures,
    list_reported_counts,
)
from cica.registry.queries.lookups import get_body_by_key, get_state_by_code, list_states_by_code
from cica.registry.queries.offices import (
    PostHoldersOnDate,
    current_chair,
    head_of_secretariat,
    list_chairmanships,
    list_secretariat_history,
    secretariat_on,
)
from cica.registry.queries.sources import list_conflicts, list_facts, list_sources, source_keys
from cica.registry.queries.statuses import (
    PARTNER_STATUSES,
    STATUS_FILTERS,
    StateStatusOnDate,
    StatusOnDate,
    get_organization,
    get_state,
    histories,
    list_organizations,
    list_states,
    list_status_changes,
    list_undated_relations,
    members_on,
    state_rows,
    status_on,
)
from cica.registry.rules import FORMER

__all__ = [
    "CACHE_READS",
    "FORMER",
    "PARTNER_STATUSES",
    "STATUS_FILTERS",
    "BodyNamesOnDate",
    "PostHoldersOnDate",
    "StateStatusOnDate",
    "StatusOnDate",
    "body_names_on",
    "compare_reported_counts",
    "count_on",
    "count_ranges",
    "current_chair",
    "get_body_by_key",
    "get_body_on",
    "get_organization",
    "get_state",
    "get_state_by_code",
    "head_of_secretariat",
    "histories",
    "key_figures",
    "list_bodies",
    "list_chairmanships",
    "list_conflicts",
    "list_facts",
    "list_organizations",
    "list_reported_counts",
    "list_secretariat_history",
    "list_sources",
    "list_states",
    "list_states_by_code",
    "list_status_changes",
    "list_undated_relations",
    "members_on",
    "secretariat_on",
    "source_keys",
    "state_rows",
    "status_on",
]
