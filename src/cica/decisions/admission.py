"""Admission as CICA admits, and observer status: the steps, what a draft needs before it goes
to a body, and where a state stands (DOMAIN.md section 9).

Membership: the state applies; the SOC approves the draft decision; the candidate signs the 1999
Declaration and the Almaty Act; the Summit or the Ministerial Council adopts the decision by
consensus (tdi-soc-2022, inform-3990035, utv-2018). Observer status: the state applies; the SOC
pre-approves; the Ministerial Council decides (astanatimes-2023-12-sa).

Decisions adopted here record their step themselves (their kind, their effect's state). For the
reference data a step is derived where the data allows: a status and its date, a founding
signature, and a historical decision naming the state, of the SOC in the year before the status
began, or of the Summit or the Ministers in the month it began. Anything else is "not recorded".
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cica.core import clock, effects
from cica.core.dates import Precision, format_partial_date
from cica.core.errors import Conflict
from cica.decisions import competence
from cica.decisions.models import Decision, Draft
from cica.registry import rules as registry_rules
from cica.registry.models import Application, BodyName, MembershipStatus, State

Kind = Draft.Kind
Status = MembershipStatus.Status
APPLIED = Decision.EffectStatus.APPLIED

# The kinds of decision of each workflow: the SOC's step, then the decision itself.
WORKFLOW_KINDS = {
    Application.Kind.MEMBERSHIP: (Kind.APPROVE_ADMISSION, Kind.ADMIT_MEMBER),
    Application.Kind.OBSERVER: (Kind.PREAPPROVE_OBSERVER, Kind.GRANT_OBSERVER),
}
STAGES = {
    "applicant": gettext_lazy("applicant"),
    "candidate": gettext_lazy("candidate"),
    "admitted": gettext_lazy("admitted"),
}
# A historical SOC decision naming the state counts as its step if it came this long before.
SOC_STEP_WINDOW = dt.timedelta(days=366)


# ---- what a draft needs ---------------------------------------------------------------------


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


# ---- where a state stands -------------------------------------------------------------------


@dataclass
class Step:
    """One step of a workflow, as recorded (`done`), awaited (`pending`), missing from a workflow
    that is complete (`not_recorded`), or taken otherwise, as a cited exception (`exception`)."""

    step: str
    label: str
    status: str = "pending"
    date: dt.date | None = None
    precision: str = Precision.DAY
    body: str = ""
    body_name: str = ""
    decision: Decision | None = None
    document: object | None = None  # the founding document signed (documents.Document)
    basis: str = ""
    sources: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def date_text(self) -> str:
        return format_partial_date(self.date, self.precision)


@dataclass
class Workflow:
    kind: str
    stage: str
    steps: list[Step]

    @property
    def stage_label(self) -> str:
        return str(STAGES[self.stage]) if self.stage else ""


def _sources(record) -> list[str]:
    return [source.key for source in record.sources.all()]


def _names_pattern(state: State) -> re.Pattern:
    names = {state.name_en, state.name} | {
        other["name"] for other in state.other_names if other.get("language", "en") == "en"
    }
    alternatives = "|".join(re.escape(name) for name in sorted(names - {"", None}, key=len))
    return re.compile(rf"\b(?:{alternatives})\b")


def _same_month(a: dt.date, b: dt.date, precision: str) -> bool:
    if precision == Precision.YEAR:
        return a.year == b.year
    return (a.year, a.month) == (b.year, b.month)


class _Reader:
    """What the workflows of one state read, in a few queries."""

    def __init__(self, state: State):
        self.state = state
        self.applications = list(state.applications.prefetch_related("sources").order_by("date"))
        self.statuses = list(
            MembershipStatus.objects.filter(state=state).prefetch_related("sources")
        )
        kinds = [kind for pair in WORKFLOW_KINDS.values() for kind in pair]
        self.decided = list(
            Decision.objects.filter(historical=False, kind__in=kinds, effect__state=state.code)
            .select_related("body")
            .order_by("adopted_on", "pk")
        )
        naming = _names_pattern(state)
        self.historical = [
            decision
            for decision in Decision.objects.filter(
                historical=True, body__key__in=["soc", "summit", "ministerial"]
            )
            .select_related("body")
            .prefetch_related("sources")
            .order_by("adopted_on", "pk")
            if naming.search(decision.title)
        ]
        # The founding signatures, recorded by the documents register (documents.effects).
        self.signatures = effects.prerequisites(Kind.ADMIT_MEMBER, state)
        self.names = list(
            BodyName.objects.filter(body__key__in=["soc", "summit", "ministerial"]).select_related(
                "body"
            )
        )

    def body_name(self, key: str, on: dt.date | None) -> str:
        """The body's name on the date (any of its names if the date is unknown)."""
        names = [n for n in self.names if n.body.key == key]
        current = [n for n in names if on is None or registry_rules.covers(n, on)]
        chosen = (current or names or [None])[-1]
        return chosen.name if chosen else key

    def status(self, status: str) -> MembershipStatus | None:
        found = [s for s in self.statuses if s.status == status]
        return min(found, key=lambda s: s.valid_from or dt.date.min) if found else None

    def decided_here(self, kind: str) -> Decision | None:
        found = [d for d in self.decided if d.kind == kind]
        return found[-1] if found else None

    def _about(self, decision: Decision, status: MembershipStatus) -> bool:
        """Whether a historical decision naming the state can be about this status: only a
        status whose act a source reports (basis `admission`) has one, and a decision about
        observer status says so ("Jordan and UAE admitted as members; Qatar as observer")."""
        return status.basis == MembershipStatus.Basis.ADMISSION and (
            status.status != Status.OBSERVER or "observer" in decision.title.lower()
        )

    def historical_of(self, bodies: tuple[str, ...], start: MembershipStatus) -> list[Decision]:
        """Historical decisions of `bodies` about the status, in the month it began."""
        if start.valid_from is None:
            return []
        return [
            d
            for d in self.historical
            if d.body.key in bodies
            and self._about(d, start)
            and _same_month(d.adopted_on, start.valid_from, start.from_precision)
        ]

    def historical_soc_before(self, start: MembershipStatus | None) -> Decision | None:
        """The SOC's historical decision about the status, in the year before it began."""
        if start is None or start.valid_from is None:
            return None
        on = start.valid_from
        found = [
            d
            for d in self.historical
            if d.body.key == "soc"
            and self._about(d, start)
            and on - SOC_STEP_WINDOW <= d.adopted_on <= on
        ]
        return found[-1] if found else None


def _decision_step(step: Step, reader: _Reader, decision: Decision) -> Step:
    step.status = "done" if decision.historical or decision.effect_status == APPLIED else "pending"
    step.date, step.precision = decision.adopted_on, decision.adopted_on_precision
    step.decision = decision
    if decision.body:
        step.body = decision.body.key
        step.body_name = reader.body_name(decision.body.key, decision.adopted_on)
    step.sources = _sources(decision) if decision.historical else []
    if decision.effect_status == Decision.EffectStatus.NOT_APPLICABLE:
        step.note = decision.effect_note
    return step


def _application_step(reader: _Reader, kind: str) -> Step:
    step = Step("application", _("Application"))
    recorded = [a for a in reader.applications if a.kind == kind]
    if recorded:
        application = recorded[-1]
        step.status, step.date, step.basis = "done", application.date, "recorded"
        step.sources, step.note = _sources(application), application.note
        return step
    attested = reader.status(Status.OBSERVER_APPLICANT) if kind == "observer" else None
    if attested is not None:
        step.status, step.basis, step.note = "done", attested.basis, attested.note
        step.date, step.precision = attested.valid_from, attested.from_precision
        step.sources = _sources(attested)
    return step


def _final_step(reader: _Reader, kind: str, step: Step) -> MembershipStatus | None:
    """The decision itself: adopted here, or derived from the status it began."""
    _approval, decision_kind = WORKFLOW_KINDS[kind]
    decided = reader.decided_here(decision_kind)
    if decided is not None:
        _decision_step(step, reader, decided)
    status = reader.status(Status.MEMBER if kind == "membership" else Status.OBSERVER)
    if decided is not None or status is None:
        return status
    bodies = competence.competent_bodies(decision_kind, status.valid_from or clock.today())
    historical = reader.historical_of(tuple(bodies), status)
    if historical:
        _decision_step(step, reader, historical[-1])
        step.basis = status.basis
        step.sources = list(dict.fromkeys([*step.sources, *_sources(status)]))
        return status
    step.status, step.basis, step.note = "done", status.basis, status.note
    step.date, step.precision = status.valid_from, status.from_precision
    step.sources = _sources(status)
    for precedent in competence.precedents_for(decision_kind, reader.state.code):
        if precedent.date == status.valid_from:
            step.status, step.note = "exception", str(precedent.text)
            step.sources = list(precedent.sources)
            step.body = precedent.body
            step.body_name = reader.body_name(precedent.body, precedent.date)
            step.decision = next(
                (d for d in reader.historical if d.adopted_on == precedent.date), None
            )
    return status


def _workflow(reader: _Reader, kind: str) -> Workflow:
    approval_kind, _decision_kind = WORKFLOW_KINDS[kind]
    membership = kind == Application.Kind.MEMBERSHIP
    application = _application_step(reader, kind)
    approval = Step(
        "soc_approval" if membership else "soc_preapproval",
        _("The SOC approves the draft decision")
        if membership
        else _("The SOC pre-approves the application"),
        body="soc",
        body_name=reader.body_name("soc", None),
    )
    final = Step(
        "admission" if membership else "grant",
        _("The Summit or the Ministerial Council admits the state")
        if membership
        else _("The Ministerial Council grants observer status"),
    )
    status = _final_step(reader, kind, final)
    decided = reader.decided_here(approval_kind)
    if decided is not None:
        _decision_step(approval, reader, decided)
    elif found := reader.historical_soc_before(status):
        _decision_step(approval, reader, found)
    signatures = []
    if membership:
        for signed in reader.signatures:
            step = Step("signature", signed.title, document=signed.record)
            if signed.done:
                step.status, step.basis = "done", signed.basis
                step.date, step.precision = signed.date, signed.precision
                step.sources, step.note = list(signed.sources), signed.note
            signatures.append(step)
    steps = [application, approval, *signatures, final]
    complete = final.status in ("done", "exception")
    for step in steps:
        if step.status == "pending" and complete:
            step.status = "not_recorded"
    stage = (
        "admitted"
        if complete
        else "candidate"
        if approval.status == "done"
        else "applicant"
        if application.status == "done"
        else ""
    )
    return Workflow(kind=kind, stage=stage, steps=steps)


def state_workflow(state: State) -> dict[str, Workflow | None]:
    """Where the state stands in admission and in observer status: each workflow it has begun
    (an application, a status, a decision), None for the others."""
    reader = _Reader(state)
    begun = {
        Application.Kind.MEMBERSHIP: {Status.MEMBER},
        Application.Kind.OBSERVER: {Status.OBSERVER, Status.OBSERVER_APPLICANT},
    }
    result: dict[str, Workflow | None] = {}
    for kind, statuses in begun.items():
        started = (
            any(a.kind == kind for a in reader.applications)
            or any(s.status in statuses for s in reader.statuses)
            or any(d.kind in WORKFLOW_KINDS[kind] for d in reader.decided)
        )
        result[kind] = _workflow(reader, kind) if started else None
    return result
