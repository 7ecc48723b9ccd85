"""What a draft needs before it goes to a body: the state's application, the SOC's step, and for
an admission the founding signatures. Refused as a Conflict naming `effect.state`."""

import datetime as dt

from django.utils.translation import gettext as _

from cica.core import effects
from cica.core.errors import Conflict
from cica.decisions.admission._common import APPLIED, WORKFLOW_KINDS, Kind, Status
from cica.decisions.models import Decision, Draft
from cica.registry.models import Application, State


def membership_application(state: State) -> Application | None:
    return state.applications.filter(kind=Application.Kind.MEMBERSHIP).order_by("-date").first()


def observer_application_on(state: State) -> tuple[bool, dt.date | None]:
    """Whether the state applied for observer status, and when: recorded here, or its status of
    applicant for observer status in the registry (Morocco's, attested by the reference data)."""
    application = state.applications.filter(kind=Application.Kind.OBSERVER).order_by("-date")
    if recorded := application.first():
        return True, recorded.date
    status = state.statuses.filter(status=Status.OBSERVER_APPLICANT).order_by("-valid_from")
    if attested := status.first():
        return True, attested.valid_from
    return False, None


def soc_step(state: State, kind: str, since: dt.date | None) -> Decision | None:
    """The SOC's approval (or pre-approval) adopted here for the state since it applied."""
    decisions = Decision.objects.filter(
        historical=False, kind=kind, effect__state=state.code, effect_status=APPLIED
    )
    if since is not None:
        decisions = decisions.filter(adopted_on__gte=since)
    return decisions.order_by("-adopted_on").first()


def missing_signatures(state: State, on: dt.date) -> list[effects.Prerequisite]:
    """The founding documents the state had not signed by `on` (a signature of unknown date
    counts: the state signed), as the documents register records them (documents.effects)."""
    return effects.missing_prerequisites(Kind.ADMIT_MEMBER, state, on)


def check_draftable(kind: str, effect: dict) -> None:
    """Conflict naming `effect.state` unless the steps before a decision of `kind` are done.

    The SOC's approval needs the application for membership, and the admission both; the SOC's
    pre-approval needs the application for observer status, and observer status for a state
    both (for an organization the sources describe neither).
    """
    membership = WORKFLOW_KINDS[Application.Kind.MEMBERSHIP]
    observer = kind == Kind.PREAPPROVE_OBSERVER or (
        kind == Kind.GRANT_OBSERVER and effect.get("state")
    )
    if kind not in membership and not observer:
        return
    state = State.objects.get(code=effect["state"])
    if kind in membership:
        application = membership_application(state)
        if application is None:
            raise Conflict(
                _(
                    "%(state)s has no application for membership on record: the Secretariat "
                    "records it on the state's page first."
                )
                % {"state": state.name},
                field="effect.state",
            )
        approved = soc_step(state, Kind.APPROVE_ADMISSION, application.date)
        if kind == Kind.ADMIT_MEMBER and approved is None:
            raise Conflict(
                _(
                    "The SOC has not approved a draft decision on the admission of %(state)s: "
                    "a decision of the SOC (approval of a draft decision on admission) comes "
                    "first."
                )
                % {"state": state.name},
                field="effect.state",
            )
        return
    applied, since = observer_application_on(state)
    if not applied:
        raise Conflict(
            _(
                "%(state)s has no application for observer status on record: the Secretariat "
                "records it on the state's page first."
            )
            % {"state": state.name},
            field="effect.state",
        )
    if kind == Kind.GRANT_OBSERVER and not soc_step(state, Kind.PREAPPROVE_OBSERVER, since):
        raise Conflict(
            _(
                "The SOC has not pre-approved the application of %(state)s for observer status: "
                "a decision of the SOC (pre-approval) comes first."
            )
            % {"state": state.name},
            field="effect.state",
        )


def check_signed(draft: Draft, on: dt.date) -> None:
    """An admission goes to the Summit or the Ministerial Council only once the candidate has
    signed both founding documents (inform-3990035, utv-2018)."""
    if draft.kind != Kind.ADMIT_MEMBER:
        return
    state = State.objects.get(code=draft.effect["state"])
    missing = missing_signatures(state, on)
    if missing:
        raise Conflict(
            _(
                "%(state)s has not signed %(documents)s: membership is granted only after the "
                "candidate signs both founding documents. Record its signatures first."
            )
            % {"state": state.name, "documents": "; ".join(step.title for step in missing)},
            field="effect.state",
        )
