"""Which body may adopt which kind of decision, on which dates: a dated, cited rule table.

The rows are CICA's rules as the sources of the reference data state them (ids of the `sources`
of reference/data/cica.yaml). Where the sources are silent the row says so: no gap is filled.
The actions that put a draft to a body enforce the table (decisions.actions._open): a draft
goes only to a body that may adopt its kind on that day. The Rules of Procedure are known only
in part (their Art. 1 in Chinese, crntt-rop, and Art. 14, s-cica-chairmanship-rop): most rows
rest on what CICA did, as reported.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cica.decisions import errors
from cica.decisions.models import Draft
from cica.registry import queries as registry

Kind = Draft.Kind

# What a body (or the Chairmanship) does before the adopting body decides.
ACTS = {
    "approves": _("approves"),
    "pre-approves": _("pre-approves"),
    "recommends": _("recommends"),
    "agrees": _("agrees"),
    "nominates": _("nominates"),
}


@dataclass(frozen=True)
class Step:
    """A step before the decision: `by` a body (its id) or the chairing state."""

    by: str
    act: str
    text: str
    sources: tuple[str, ...]
    # The kind of decision that records the step here, when it is one (the SOC's approval).
    recorded_as: str = ""
    # Whether the actions refuse a draft that has not been through the step.
    enforced: bool = False
    valid_from: dt.date | None = None


@dataclass(frozen=True)
class Condition:
    """What must hold of the state a decision is about."""

    text: str
    sources: tuple[str, ...]
    enforced: bool


@dataclass(frozen=True)
class Rule:
    """One row: the bodies that adopt a kind of decision over a period, how, after what."""

    kind: str
    bodies: tuple[str, ...]
    how: str
    sources: tuple[str, ...]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    steps: tuple[Step, ...] = ()
    conditions: tuple[Condition, ...] = ()
    note: str = ""

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


@dataclass(frozen=True)
class Precedent:
    """A decision the sources report that departs from the table: shown, never a power."""

    kind: str
    body: str
    date: dt.date
    state: str
    text: str
    sources: tuple[str, ...]


CONSENSUS = _(
    "by consensus (no member state objects; a quorum of two thirds of the member states), "
    "at a meeting or by silence procedure"
)
SUMMIT_OR_MC = ("summit", "ministerial")

SIGNATURES = Condition(
    _(
        "The candidate has signed both founding documents, the 1999 Declaration on Principles "
        "and the Almaty Act: membership is granted only after it signs them."
    ),
    ("inform-3990035", "utv-2018"),
    enforced=True,
)
MEMBERSHIP_APPLICATION = Condition(
    _("The state has applied for membership; the application is on record."),
    ("tdi-soc-2022", "inform-3990035", "utv-2018"),
    enforced=True,
)
OBSERVER_APPLICATION = Condition(
    _(
        "The state has applied for observer status; the application is on record (Morocco's "
        "application was being considered in December 2024)."
    ),
    ("astanatimes-2023-12-sa", "astanatimes-2024-12-25", "mfa-by-2016"),
    enforced=True,
)

RULES: tuple[Rule, ...] = (
    Rule(
        kind=Kind.STATEMENT,
        bodies=("summit", "ministerial", "soc", "swg"),
        how=CONSENSUS,
        sources=("s-cica-2mm", "crntt-rop", "s-cica-structure"),
        note=_(
            "Decisions and recommendations at all levels are taken by consensus. The SWG "
            "studies issues and submits its results to the SOC: its texts are recommendations. "
            "The sources name no body below the SWG that adopts texts."
        ),
    ),
    Rule(
        kind=Kind.APPROVE_ADMISSION,
        bodies=("soc",),
        how=CONSENSUS,
        sources=("tdi-soc-2022", "bd-mfa-2014"),
        conditions=(MEMBERSHIP_APPLICATION,),
        note=_(
            "The SOC approves the draft decision on admission (Kuwait's, on 2022-10-12); it "
            "does not admit. The sources do not date the rule; this step is first reported in "
            "2022."
        ),
    ),
    Rule(
        kind=Kind.ADMIT_MEMBER,
        bodies=SUMMIT_OR_MC,
        how=CONSENSUS,
        sources=(
            "tdi-soc-2022",
            "inform-3990035",
            "bd-mfa-2014",
            "utv-2018",
            "s-cica-2mm",
            "kz-emb-us-2006",
            "chinadaily-2014",
        ),
        steps=(
            Step(
                by="soc",
                act="approves",
                text=_("The SOC approves the draft decision on admission."),
                sources=("tdi-soc-2022", "bd-mfa-2014"),
                recorded_as=Kind.APPROVE_ADMISSION,
                enforced=True,
            ),
        ),
        conditions=(
            MEMBERSHIP_APPLICATION,
            SIGNATURES,
            Condition(
                _(
                    "The state lies at least partly in Asia. Not checked here: the registry "
                    "does not record where a state lies."
                ),
                ("menafn-1107220507", "urdupoint-2022-by"),
                enforced=False,
            ),
        ),
        note=_(
            "Admissions reported: by a Ministerial Meeting (Thailand 2004; Jordan and the United "
            "Arab Emirates 2008) and by a Summit (the Republic of Korea 2006; Iraq and Viet Nam "
            "2010; Qatar and Bangladesh 2014; Kuwait 2022, decided in session without "
            "objection); Sri Lanka was accepted by the 26 member states in 2018. The SOC and the "
            "SWG do not admit a member. The sources do not date the rule."
        ),
    ),
    Rule(
        kind=Kind.PREAPPROVE_OBSERVER,
        bodies=("soc",),
        how=CONSENSUS,
        sources=("astanatimes-2023-12-sa", "astanatimes-2023-12-soc", "s-cica-pr-2021"),
        conditions=(OBSERVER_APPLICATION,),
        note=_(
            "The SOC pre-approves an application for observer status (Saudi Arabia's, on "
            "2023-12-12) and recommends it to the Ministerial Council. The sources do not date "
            "the rule."
        ),
    ),
    Rule(
        kind=Kind.GRANT_OBSERVER,
        bodies=("ministerial",),
        how=CONSENSUS,
        sources=("astanatimes-2023-12-sa", "seed-004", "kz-emb-us-2008b", "crntt-rop"),
        steps=(
            Step(
                by="soc",
                act="pre-approves",
                text=_("The SOC pre-approves the application of a state."),
                sources=("astanatimes-2023-12-sa", "astanatimes-2023-12-soc"),
                recorded_as=Kind.PREAPPROVE_OBSERVER,
                enforced=True,
            ),
        ),
        conditions=(OBSERVER_APPLICATION,),
        note=_(
            "Grants reported: Qatar by the Third Ministerial Meeting (2008), TurkPA by the "
            "Fourth (2012), Saudi Arabia by the Ministerial Council (2023-12-26). No grant by the "
            "Summit is reported. For an organization the sources describe no application or "
            "pre-approval, so none is required of it. The sources do not date the rule."
        ),
    ),
    Rule(
        kind=Kind.APPROVE_CHAIRMANSHIP,
        bodies=SUMMIT_OR_MC,
        how=CONSENSUS,
        sources=(
            "s-cica-chairmanship-rop",
            "vk-167175",
            "s-cica-pr-2021",
            "devdiscourse-2022",
            "vk-155959",
            "s-cica-sp-6164",
            "inform-3698546",
            "seed-004",
        ),
        steps=(
            Step(
                by="soc",
                act="recommends",
                text=_(
                    "The SOC recommends the acceptance of the candidature through silence "
                    "procedure (Rules of Procedure 2014, Art. 14.1.4), in principle a year "
                    "before the term ends."
                ),
                sources=("s-cica-chairmanship-rop",),
                valid_from=dt.date(2014, 5, 21),
            ),
        ),
        note=_(
            "Terms decided by a Summit (Turkey 2010; Kazakhstan renewed by the Sixth Summit, "
            "2022), by meetings of the Ministers (Tajikistan 2018, Kazakhstan 2020) and by the "
            "Ministerial Council through silence procedure on the SOC's recommendation "
            "(Azerbaijan, 2024-03-19). China's candidacy was approved by the member states "
            "through silence procedure in October 2012; the sources do not name the body."
        ),
    ),
    Rule(
        kind=Kind.APPOINT_HEAD,
        bodies=("ministerial",),
        how=CONSENSUS,
        sources=("fsou-secr-1", "s-cica-secretariat", "inform-3698546", "uzdaily-2020"),
        valid_from=dt.date(2006, 6, 17),
        valid_to=dt.date(2022, 10, 12),
        steps=(
            Step(
                by="chairmanship",
                act="nominates",
                text=_(
                    "The chairing state nominates one of its nationals, who serves during its "
                    "chairmanship (Agreement on the Secretariat, Art. 3)."
                ),
                sources=("fsou-secr-1",),
            ),
        ),
        note=_(
            "The Ministers of Foreign Affairs appoint the Executive Director by consensus, for "
            "four years (Agreement on the Secretariat of 2006-06-17, Art. 3); in 2020 at a "
            "special meeting by video."
        ),
    ),
    Rule(
        kind=Kind.APPOINT_HEAD,
        bodies=SUMMIT_OR_MC,
        how=CONSENSUS,
        sources=("fsou-secr-1", "bigasia-2022", "seed-001"),
        valid_from=dt.date(2022, 10, 13),
        steps=(
            Step(
                by="chairmanship",
                act="nominates",
                text=_("The Chairmanship proposes the Secretary General."),
                sources=("fsou-secr-1", "bigasia-2022"),
            ),
        ),
        note=_(
            "The Sixth Summit appointed the first Secretary General on the Chairmanship's "
            "proposal (2022-10-13). The sources do not say whether later appointments go to the "
            "Summit or to the Council of Ministers."
        ),
    ),
    Rule(
        kind=Kind.RENAME_BODY,
        bodies=("summit",),
        how=CONSENSUS,
        sources=("seed-001", "chinatimes-astana", "latestly-2022", "globalaffairs-2022"),
        note=_(
            "The one renaming of bodies reported: by the Astana Statement of the Sixth Summit "
            "(2022-10-13, para. 5(1)), adopted in session without objection. The sources give "
            "no general rule."
        ),
    ),
    Rule(
        kind=Kind.ADOPT_DOCUMENT,
        bodies=("summit", "ministerial", "soc"),
        how=CONSENSUS,
        sources=("s-cica-2mm", "s-cica-sme-cp", "s-cica-pr-2128", "astanatimes-2023-12-soc"),
        steps=(
            Step(
                by="swg",
                act="agrees",
                text=_("The SWG agrees a concept paper or action plan before the SOC approves."),
                sources=("s-cica-pr-1504", "astanatimes-2023-04"),
            ),
            Step(
                by="soc",
                act="approves",
                text=_("The SOC approves the drafts put to the Summit or the Ministerial Council."),
                sources=("inform-3843263", "tdi-soc-2022"),
            ),
        ),
        note=_(
            "Which body adopts depends on the document: the founding and basic documents and "
            "the declarations by the Summit or the Ministers; the Cooperative Approach, concept "
            "papers, the yearly Plan of Implementation and some outcome documents by the SOC "
            "(one subject to a two-week silence procedure). The sources give no general rule."
        ),
    ),
    Rule(
        kind=Kind.ASSIGN_COORDINATOR,
        bodies=("soc",),
        how=CONSENSUS,
        sources=("s-cica-pr-333", "s-cica-pr-1782", "astanatimes-2024-12-soc"),
        note=_(
            "The SOC decides the coordinating and co-coordinating states of each priority area "
            "(its list of 2021-06-23; Russia and China for ICT security on 2023-08-22). The "
            "sources do not date the rule."
        ),
    ),
)

PRECEDENTS: tuple[Precedent, ...] = (
    Precedent(
        kind=Kind.GRANT_OBSERVER,
        body="soc",
        date=dt.date(2021, 6, 23),
        state="TM",
        text=_(
            "The SOC approved the granting of observer status to Turkmenistan. A cited "
            "historical exception, not a power of the SOC: observer status is the Ministerial "
            "Council's to grant. Reports of the Sixth Summit (2022-10-13) present Turkmenistan "
            "as a new observer."
        ),
        sources=("s-cica-pr-333", "inform-3804601", "inform-3990052"),
    ),
)


def rules_in_force(on: dt.date) -> list[Rule]:
    return [rule for rule in RULES if rule.in_force(on)]


def competent_bodies(kind: str, on: dt.date) -> list[str]:
    """The bodies that may adopt a decision of `kind` on `on`, in the table's order."""
    bodies: dict[str, None] = {}
    for rule in rules_in_force(on):
        if rule.kind == kind:
            bodies.update(dict.fromkeys(rule.bodies))
    return list(bodies)


def body_name(key: str, on: dt.date) -> str:
    """A body's name on a date, in the language of the request (its id if it has none)."""
    body = registry.get_body_on(key, on)
    if body is None:
        return key
    russian = (translation.get_language() or "").startswith("ru")
    return (body.name_ru_on_date if russian else None) or body.name_en_on_date or key


def check_competence(kind: str, body: str, on: dt.date) -> None:
    """NotCompetent naming `body` unless the body may adopt a decision of `kind` on `on`."""
    bodies = competent_bodies(kind, on)
    if body in bodies:
        return
    label = Kind(kind).label
    if not bodies:
        raise errors.NotCompetent(field="body", kind=label, date=on.isoformat())
    raise errors.NotCompetent(
        _(
            "%(body)s may not adopt a decision of this kind (%(kind)s). On %(date)s it is for: "
            "%(bodies)s."
        )
        % {
            "body": body_name(body, on),
            "kind": label,
            "date": on.isoformat(),
            "bodies": "; ".join(body_name(key, on) for key in bodies),
        },
        field="body",
    )


def precedents_for(kind: str, state: str) -> list[Precedent]:
    return [p for p in PRECEDENTS if p.kind == kind and p.state == state]


def source_ids() -> set[str]:
    """Every source the table cites, to check against the reference data."""
    ids: set[str] = set()
    for rule in RULES:
        ids.update(rule.sources)
        for part in (*rule.steps, *rule.conditions):
            ids.update(part.sources)
    for precedent in PRECEDENTS:
        ids.update(precedent.sources)
    return ids


def table(on: dt.date) -> dict:
    """The whole table as plain data in the request's language, each rule marked in force on
    `on` or not: the API's answer and the page's rows."""

    def texts(record) -> dict:
        data = {
            name: str(value) if isinstance(value, Promise) else value
            for name, value in vars(record).items()
        }
        data["sources"] = list(record.sources)
        return data

    return {
        "as_of": on,
        "rules": [
            {
                **texts(rule),
                "kind_label": Kind(rule.kind).label,
                "bodies": list(rule.bodies),
                "in_force": rule.in_force(on),
                "steps": [
                    {
                        **texts(step),
                        "act_label": ACTS[step.act],
                        "recorded_as": step.recorded_as or None,
                    }
                    for step in rule.steps
                ],
                "conditions": [texts(condition) for condition in rule.conditions],
            }
            for rule in RULES
        ],
        "precedents": [
            {**texts(precedent), "kind_label": Kind(precedent.kind).label}
            for precedent in PRECEDENTS
        ],
    }
