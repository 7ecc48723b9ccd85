"""What adopted decisions change in the CBM (core.effects): the assignment of a coordinator.

Registered by CbmConfig.ready(); applied through cbm.actions.assign_coordinator.
"""

import datetime as dt
from typing import Annotated, ClassVar, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field
from pydantic import BeforeValidator

from cica.cbm import actions
from cica.cbm.models import Coordination, PriorityArea
from cica.core import effects
from cica.core.effects import Outcome, Params, lazy_text
from cica.core.errors import InvalidInput
from cica.registry.effects import StateCode, TermFrom, TermTo, get_state
from cica.registry.models import State


def _role(value):
    if value in (None, ""):
        return "coordinator"
    if value not in Coordination.Role.values:
        raise ValueError(_("The role is coordinator or co_coordinator."))
    return value


Role = Annotated[Literal["coordinator", "co_coordinator"], BeforeValidator(_role)]


class AssignCoordinatorParams(Params):
    area: str = Field(
        title=lazy_text(gettext_lazy("CBM priority area (id)")),
        description=lazy_text(
            gettext_lazy("For the assignment of a coordinator, e.g. ict_security.")
        ),
        max_length=60,
    )
    state: StateCode = Field(description=lazy_text(gettext_lazy("the coordinating state")))
    role: Role = Field("coordinator", title=lazy_text(gettext_lazy("Coordinating role")))
    from_: TermFrom = Field(None, alias="from")
    to: TermTo = None

    # The labels of the choices, for the draft form.
    choices: ClassVar[dict] = {"role": Coordination.Role.choices}


def check_assign_coordinator(params: AssignCoordinatorParams, *, today: dt.date) -> dict:
    area = PriorityArea.objects.filter(key=params.area).first()
    if area is None:
        raise InvalidInput(_("No such priority area."), field="effect.area")
    state = get_state(params.state)
    start, end = params.from_, params.to
    if start and end and end < start:
        raise InvalidInput(_("A term cannot end before it starts."), field="effect.to")
    return {
        "area": area.key,
        "state": state.code,
        "role": params.role,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
    }


def apply_assign_coordinator(decision, params: dict, *, actor) -> Outcome:
    # The term starts on the day of adoption unless the decision says when.
    start = dt.date.fromisoformat(params["from"]) if params.get("from") else decision.adopted_on
    term = actions.assign_coordinator(
        acting_user=actor,
        area=PriorityArea.objects.get(key=params["area"]),
        state=State.objects.get(code=params["state"]),
        role=params["role"],
        valid_from=start,
        valid_to=dt.date.fromisoformat(params["to"]) if params.get("to") else None,
        decision=decision,
    )
    return Outcome(record=term)


def register() -> None:
    effects.register(
        effects.Effect(
            kind="assign_coordinator",
            params=AssignCoordinatorParams,
            check=check_assign_coordinator,
            apply=apply_assign_coordinator,
        )
    )
