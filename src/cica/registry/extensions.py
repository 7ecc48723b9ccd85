"""What the apps above the registry add to what it shows of a state.

Each app adds its part from its own side (its AppConfig.ready), so that the registry imports none
of them: decisions gives where a state stands in admission (`workflow` in the API and on the
page), documents its signatures of the founding documents, the CBM app a link to its activities.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from cica.registry.models import State

# Where a state stands in admission and in observer status: {"membership": ..., "observer": ...}.
StateWorkflow = Callable[[State], dict[str, Any]]
_workflow: list[StateWorkflow] = []


def provide_state_workflow(read: StateWorkflow) -> None:
    """Give the registry the reading of a state's admission workflow (decisions.admission)."""
    _workflow[:] = [read]


def state_workflow(state: State) -> dict[str, Any]:
    """Where `state` stands in admission and in observer status; neither, while no app says."""
    if not _workflow:
        return {"membership": None, "observer": None}
    return _workflow[0](state)


@dataclass(frozen=True)
class StateSection:
    """A section of a state's page, below its status history: a template included in the page,
    with what `context(request, state)` adds to the page's context."""

    position: int  # the sections' order on the page
    template: str
    context: Callable[[HttpRequest, State], dict[str, Any]] | None = None


_sections: dict[str, StateSection] = {}


def add_state_section(section: StateSection) -> None:
    _sections[section.template] = section


def state_sections() -> list[StateSection]:
    return sorted(_sections.values(), key=lambda section: section.position)
