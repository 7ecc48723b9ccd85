"""No delegate ever sees or changes another state's private objects, whatever the population.

Hypothesis draws a few member states with their delegates, drafts (kept, circulated, broken,
withdrawn, adopted with a statement), CBM activities (recorded, validated, returned, returned
then corrected) hosted and joined by various states, and offers to coordinate; then, for a
random delegate of one state X, it checks through the API and the pages (docs/authorization.md,
"What is private"):

- another state's draft not yet circulated does not exist for X: not readable, not revisable,
  not puttable to a procedure, its title and text in no list, page or record X reads;
- an activity returned to states other than X does not exist for X, in the lists either; the note
  of a return is never shown to X unless the activity concerns X;
- X changes nothing of another state: no version of its drafts, no correction of or attachment
  to its activities, no withdrawal of its offers or of procedures X did not open;
- and what is X's own, circulated or public stays visible to X.
"""

import datetime as dt
import itertools
from dataclasses import dataclass

from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cica.cbm import actions as cbm
from cica.cbm.models import Activity, CoordinationOffer, PriorityArea
from cica.core import clock
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import actions as decisions
from cica.decisions.models import Procedure, Version
from cica.registry.models import Body, State
from tests.authz.cast import delegate_of, make_user
from tests.conftest import bearer_client

# Member states on the suite's date, none of them the Chair (whose delegates see every draft).
POOL = ("KZ", "IN", "CN", "RU", "TR", "TJ")
FATES = ("kept", "open", "broken", "withdrawn", "adopted")
STATUSES = ("recorded", "validated", "returned", "corrected")


@dataclass(frozen=True)
class Population:
    codes: list[str]
    delegates: int  # per state
    drafts: list[tuple[int, str, bool]]  # proposer, fate, revised
    activities: list[tuple[int, frozenset[int], str]]  # host, participants, status
    offers: list[tuple[int, bool]]  # state, withdrawn
    viewer: tuple[int, int]  # state, which of its delegates


@st.composite
def populations(draw) -> Population:
    codes = draw(st.lists(st.sampled_from(POOL), min_size=2, max_size=3, unique=True))
    state = st.integers(0, len(codes) - 1)
    delegates = draw(st.integers(1, 2))
    # Every fate of a draft and every status of an activity in each population, each owned by
    # a state drawn for it: 25 examples then cover them all many times over.
    return Population(
        codes=codes,
        delegates=delegates,
        drafts=[(draw(state), fate, draw(st.booleans())) for fate in FATES],
        activities=[
            (draw(state), draw(st.frozensets(state, max_size=2)), status) for status in STATUSES
        ],
        offers=draw(st.lists(st.tuples(state, st.booleans()), max_size=2)),
        viewer=(draw(state), draw(st.integers(0, delegates - 1))),
    )


class _RolledBack(Exception):
    """Ends an example: its population goes with the savepoint."""


@dataclass
class Made:
    kind: str  # "draft" or "activity" or "offer"
    owner: str  # the state's code
    pk: int
    marks: tuple[str, ...]  # words that only this object's private content holds
    private: bool = False  # invisible to delegates of states it does not concern
    concerns: frozenset[str] = frozenset()
    extra: dict | None = None
    shown: tuple[str, ...] = ()  # words every delegate finds in the lists: what is public


def _build(population: Population) -> tuple[dict[str, list], list[Made]]:
    officer = make_user("secretariat", "iso-officer")
    delegates = {
        code: [delegate_of(code, f"iso-{code.lower()}-{i}") for i in range(population.delegates)]
        for code in population.codes
    }
    soc = Body.objects.get(key="soc")
    made: list[Made] = []
    for i, (proposer, fate, revised) in enumerate(population.drafts):
        code = population.codes[proposer]
        author = delegates[code][-1]
        title, text = f"Statement dr{i:02d}mark", f"The text tx{i:02d}mark"
        draft = decisions.create_draft(
            acting_user=author, kind="statement", title=title, text_en=text
        )
        version = draft.versions.get()
        if revised:
            version = decisions.add_version(
                acting_user=author, draft=draft, text_en=f"{text}, revised rv{i:02d}mark"
            )
        extra, shown = {"version": version.pk}, ()
        if fate != "kept":
            procedure = decisions.open_silence_procedure(
                acting_user=officer, version=version, body=soc
            )
            extra["procedure"] = procedure.pk
            if fate == "open":
                decisions.comment(acting_user=author, procedure=procedure, text=f"cm{i:02d}mark")
                shown = (f"cm{i:02d}mark",)
            if fate == "broken":
                decisions.break_silence(acting_user=author, procedure=procedure, reason="Not yet.")
            if fate == "withdrawn":
                decisions.withdraw_procedure(acting_user=officer, procedure=procedure)
            if fate == "adopted":
                Procedure.objects.filter(pk=procedure.pk).update(
                    deadline=clock.now() - dt.timedelta(seconds=1)
                )
                decision = decisions.record_adoption(procedure_id=procedure.pk, acting_user=SYSTEM)
                decisions.add_interpretative_statement(
                    acting_user=author, decision=decision, text=f"Our reading st{i:02d}mark"
                )
                extra["decision"] = decision.pk
                shown = (f"st{i:02d}mark",)
        made.append(
            Made(
                "draft",
                code,
                draft.pk,
                (title, text, f"rv{i:02d}mark"),
                private=fate == "kept",
                concerns=frozenset({code}),
                extra=extra,
                shown=shown,
            )
        )
    area = PriorityArea.objects.get(key="tourism")
    states = {state.code: state for state in State.objects.filter(code__in=population.codes)}
    for i, (host, joined, status) in enumerate(population.activities):
        code = population.codes[host]
        participants = [population.codes[p] for p in sorted(joined - {host})]
        author = delegates[code][-1]
        title, note = f"Workshop ac{i:02d}mark", f"Give the dates rn{i:02d}mark"
        activity = cbm.record_activity(
            acting_user=author,
            area=area,
            kind="workshop",
            title=title,
            start_date=clock.today() - dt.timedelta(days=10 + i),
            host_state=states[code],
            participants=[states[p] for p in participants],
        )
        if status == "validated":
            cbm.validate_activity(acting_user=officer, activity=activity, note="Report received.")
        if status in ("returned", "corrected"):
            cbm.return_activity(acting_user=officer, activity=activity, note=note)
        if status == "corrected":
            cbm.correct_activity(acting_user=author, activity=activity, summary="Dates given.")
        made.append(
            Made(
                "activity",
                code,
                activity.pk,
                # The note of a return is private while returned, and gone once corrected.
                (title, note) if status == "returned" else (note,),
                private=status == "returned",
                concerns=frozenset({code, *participants}),
                extra={"title": title, "status": status},
                shown=() if status == "returned" else (title,),
            )
        )
    for i, (state, withdrawn) in enumerate(population.offers):
        code = population.codes[state]
        offer = cbm.offer_to_coordinate(
            acting_user=delegates[code][0],
            area=PriorityArea.objects.get(key=("tourism", "sme")[i]),
            role="co_coordinator",
        )
        if withdrawn:
            cbm.withdraw_offer(acting_user=delegates[code][0], offer=offer)
        made.append(Made("offer", code, offer.pk, (), concerns=frozenset({code})))
    return delegates, made


def _json(client: Client, url: str, payload: dict):
    return client.post(url, payload, content_type="application/json")


def _check_draft(api: Client, html: Client, viewer: str, draft: Made) -> None:
    versions = Version.objects.filter(draft_id=draft.pk).count()
    read = api.get(f"/api/v1/drafts/{draft.pk}")
    revised = _json(api, f"/api/v1/drafts/{draft.pk}/versions", {"text_en": "Taken over"})
    if draft.private and viewer not in draft.concerns:
        assert read.status_code == 404
        assert revised.status_code == 404
        assert (
            api.get(f"/api/v1/drafts/{draft.pk}/diff?from_version=1&to_version=1").status_code
            == 404
        )
        opened = _json(
            api,
            "/api/v1/procedures",
            {"version": draft.extra["version"], "kind": "silence", "body": "soc"},
        )
        assert opened.status_code == 404
        assert html.get(f"/en/drafts/{draft.pk}/").status_code == 404
    else:
        assert read.status_code == 200
        assert draft.marks[0] in read.content.decode()
        assert revised.status_code == (201 if viewer in draft.concerns else 403)
    if viewer not in draft.concerns:
        assert Version.objects.filter(draft_id=draft.pk).count() == versions
    if "procedure" in draft.extra:
        # The Secretariat opened it: only the Secretariat withdraws it.
        withdrawn = _json(api, f"/api/v1/procedures/{draft.extra['procedure']}/withdraw", {})
        assert withdrawn.status_code == 403


def _check_activity(api: Client, html: Client, viewer: str, activity: Made, listed: set) -> None:
    read = api.get(f"/api/v1/cbm/activities/{activity.pk}")
    title = activity.extra["title"]
    correction = {
        "area": "tourism",
        "title": "Taken over",
        "kind": "workshop",
        "start_date": clock.today().isoformat(),
        "host_state": viewer,
    }
    corrected = api.put(
        f"/api/v1/cbm/activities/{activity.pk}", correction, content_type="application/json"
    )
    attached = api.post(
        f"/api/v1/cbm/activities/{activity.pk}/files",
        {"file": SimpleUploadedFile("report.txt", b"Taken over")},
    )
    concerned = viewer in activity.concerns
    if activity.private and not concerned:
        assert read.status_code == 404
        assert activity.pk not in listed
        assert (corrected.status_code, attached.status_code) == (404, 404)
        assert html.get(f"/en/cbm/activities/{activity.pk}/").status_code == 404
    else:
        assert read.status_code == 200
        assert activity.pk in listed
        if not concerned:
            assert (corrected.status_code, attached.status_code) == (403, 403)
    if not concerned:
        assert Activity.objects.get(pk=activity.pk).title == title
        assert not Activity.objects.get(pk=activity.pk).files.exists()


def _check_offer(api: Client, viewer: str, offer: Made) -> None:
    if viewer in offer.concerns:
        return
    status = CoordinationOffer.objects.get(pk=offer.pk).status
    assert _json(api, f"/api/v1/cbm/offers/{offer.pk}/withdraw", {}).status_code == 403
    assert CoordinationOffer.objects.get(pk=offer.pk).status == status


def _private_marks(made: list[Made], viewer: str) -> list[str]:
    return [
        mark
        for thing in made
        if viewer not in thing.concerns and (thing.private or thing.kind == "activity")
        for mark in thing.marks
    ]


def _check_population(population: Population) -> None:
    caches["records"].clear()
    delegates, made = _build(population)
    code = population.codes[population.viewer[0]]
    viewer = delegates[code][population.viewer[1]]
    api = bearer_client(viewer)
    html = Client()
    html.force_login(viewer)

    # Where a private title, text or note could show: the lists and the pages (the record of
    # deliberations is test_the_record_holds_no_note_of_a_return_to_another_state's).
    activities = api.get("/api/v1/cbm/activities", {"page_size": 200})
    listed = {item["id"] for item in activities.json()["items"]}
    pages = [
        activities,
        api.get("/api/v1/procedures", {"page_size": 200}),
        api.get("/api/v1/decisions", {"page_size": 200}),
        html.get("/en/workspace/"),
        html.get("/en/decisions/"),
        html.get("/en/cbm/activities/"),
        html.get("/en/cbm/areas/tourism/"),
        *(html.get(f"/en/cbm/states/{other}/") for other in population.codes),
    ]
    assert all(page.status_code == 200 for page in pages)
    marks = _private_marks(made, code)
    leaked = {
        page.wsgi_request.get_full_path(): [mark for mark in marks if mark in page.content.decode()]
        for page in pages
    }
    leaked = {url: found for url, found in leaked.items() if found}
    assert not leaked, f"{code} reads another state's private {leaked}"
    seen = "\n".join(page.content.decode() for page in pages)
    hidden = [mark for thing in made for mark in thing.shown if mark not in seen]
    assert not hidden, f"{code} misses what is public: {hidden}"

    for thing in made:
        if thing.kind == "draft":
            _check_draft(api, html, code, thing)
        elif thing.kind == "activity":
            _check_activity(api, html, code, thing, listed)
        else:
            _check_offer(api, code, thing)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(population=populations())
def test_no_delegate_sees_or_changes_another_states_private_objects(db, population):
    try:
        with transaction.atomic():
            _check_population(population)
            raise _RolledBack
    except _RolledBack:
        pass


def test_the_record_holds_no_note_of_a_return_to_another_state(db):
    # given: an activity of A returned for correction
    population = Population(
        codes=["KZ", "IN"],
        delegates=1,
        drafts=[],
        activities=[(0, frozenset(), "returned")],
        offers=[],
        viewer=(1, 0),
    )
    head = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    delegates, made = _build(population)

    # when: a delegate of B reads the record from there
    reader = bearer_client(delegates["IN"][0])
    record = reader.get("/api/v1/audit", {"after": head, "page_size": 200})

    # then: the entries are there, linked, but without the details
    assert record.status_code == 200
    assert made[0].marks[1] not in record.content.decode()
    items = record.json()["items"]
    assert any(item["redacted"] for item in items)
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(items))
