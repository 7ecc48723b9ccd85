"""The competence table's rows: CICA's rules as the sources state them, and the precedents that
depart from them. Data only; lookup reads it."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from cica.decisions.competence.records import Condition, Precedent, Rule, Step
from cica.decisions.models import Draft

Kind = Draft.Kind


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
