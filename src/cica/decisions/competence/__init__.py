"""Which body may adopt which kind of decision, on which dates: a dated, cited rule table.

The rows are CICA's rules as the sources of the reference data state them (ids of the `sources`
of reference/data/cica.yaml). Where the sources are silent the row says so: no gap is filled.
The actions that put a draft to a body enforce the table (decisions.actions.procedures._open): a
draft goes only to a body that may adopt its kind on that day. The Rules of Procedure are known
only in part (their Art. 1 in Chinese, crntt-rop, and Art. 14, s-cica-chairmanship-rop): most
rows rest on what CICA did, as reported.

records: the shapes of a row; rows: the table itself (data); lookup: what is read from it.
"""

from cica.decisions.competence.lookup import (
    body_name,
    check_competence,
    competent_bodies,
    precedents_for,
    rules_in_force,
    source_ids,
    table,
)
from cica.decisions.competence.records import ACTS, Condition, Precedent, Rule, Step
from cica.decisions.competence.rows import (
    CONSENSUS,
    MEMBERSHIP_APPLICATION,
    OBSERVER_APPLICATION,
    PRECEDENTS,
    RULES,
    SIGNATURES,
    SUMMIT_OR_MC,
)

__all__ = [
    "ACTS",
    "CONSENSUS",
    "MEMBERSHIP_APPLICATION",
    "OBSERVER_APPLICATION",
    "PRECEDENTS",
    "RULES",
    "SIGNATURES",
    "SUMMIT_OR_MC",
    "Condition",
    "Precedent",
    "Rule",
    "Step",
    "body_name",
    "check_competence",
    "competent_bodies",
    "precedents_for",
    "rules_in_force",
    "source_ids",
    "table",
]
