"""The registry's part of the reference dataset: sources, states, organizations, bodies, chairs,
the Secretariat, facts and conflicts, the About page's facts; and what every app's writer shares.

The reference loader (cica.reference.writer) checks the file, then has each app write its part
through its own `reference` module, inside load_reference's transaction. The data is the checked
file (cica.reference.schema.ReferenceIn); the writers read its sections by name.
"""

from cica.registry.reference.base import BaseWriter, Cited, cited_notes
from cica.registry.reference.periods import holder_spans, period_of, span
from cica.registry.reference.writer import RegistryWriter

__all__ = [
    "BaseWriter",
    "Cited",
    "RegistryWriter",
    "cited_notes",
    "holder_spans",
    "period_of",
    "span",
]
