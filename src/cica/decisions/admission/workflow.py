"""Where a state stands in admission and in observer status: each step recorded here, derived
from the reference data, awaited, or taken otherwise as a cited exception."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cica.core import clock, effects
from cica.core.dates import Precision, format_partial_date
from cica.decisions import competence
from cica.decisions.admission._common import APPLIED, WORKFLOW_KINDS, Kind, Status
from cica.decisions.models import Decision
from cica.registry import rules as registry_rules
from cica.registry.models import Application, BodyName, MembershipStatus, State

STAGES = {
    "applicant": gettext_lazy("applicant"),
    "candidate": gettext_lazy("candidate"),
    "admitted": gettext_lazy("admitted"),
}
# A historical SOC decision naming the state counts as its step if it came this long before.
SOC_STEP_WINDOW = dt.timedelta(days=366)


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
        chosen = current or names
        return chosen[-1].name if chosen else key

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
            if d.body is not None  # always (body__key__in, above)
            and d.body.key in bodies
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
            if d.body is not None  # always (body__key__in, above)
            and d.body.key == "soc"
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
