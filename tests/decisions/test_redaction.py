"""What the audit record shows each reader: what it records follows who may read it, now and when
it was written; accounts are named only to those who may know them."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cica.accounts import actions as accounts
from cica.cbm import actions as cbm
from cica.cbm.models import PriorityArea
from cica.core import audit, clock
from cica.core.models import AuditEntry
from cica.core.roles import SYSTEM
from cica.decisions import actions
from cica.registry.models import State
from tests.conftest import bearer_client

NOTE = "Name the participants: the Secretariat's note to Kazakhstan"


def _head() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


@pytest.fixture
def read():
    """The record from `after` as a user reads it, through one token per reader made at its
    first read (take `after` past it where the tokens' own entries count)."""
    clients: dict = {}

    def read(user, after: int = 0) -> list[dict]:
        if user.pk not in clients:
            clients[user.pk] = bearer_client(user)
        response = clients[user.pk].get("/api/v1/audit", {"after": after, "page_size": 200})
        assert response.status_code == 200
        return response.json()["items"]

    return read


def _first(items: list[dict], action: str) -> dict:
    return next(item for item in items if item["action"] == action)


@pytest.fixture
def returned_activity(kz_delegate, officer):
    """Kazakhstan's activity, with India taking part, returned by the Secretariat."""
    activity = cbm.record_activity(
        acting_user=kz_delegate,
        area=PriorityArea.objects.get(key="tourism"),
        kind="workshop",
        title="Workshop on cultural tourism",
        start_date=clock.today() - dt.timedelta(days=30),
        host_state=State.objects.get(code="KZ"),
        participants=[State.objects.get(code="IN")],
    )
    return cbm.return_activity(acting_user=officer, activity=activity, note=NOTE)


def _corrected(activity, kz_delegate, officer):
    return cbm.correct_activity(acting_user=kz_delegate, activity=activity, title="Corrected")


def _validated(activity, kz_delegate, officer):
    return cbm.validate_activity(acting_user=officer, activity=activity)


@pytest.mark.parametrize("then", [_corrected, _validated], ids=["corrected", "validated"])
def test_the_note_of_a_return_stays_with_the_activitys_states(
    read, returned_activity, then, kz_delegate, in_delegate, officer, jp_observer, chair_delegate
):
    # given: the activity, returned, then public again
    then(returned_activity, kz_delegate, officer)

    # when
    def the_return(user) -> dict:
        return _first(read(user, 0), "cbm.return_activity")

    # then: the host's and the participant's delegates and the Secretariat read the note ...
    for reader in (kz_delegate, in_delegate, officer):
        assert the_return(reader)["payload"]["note"] == NOTE
    # ... no one else, though the activity is public now
    for reader in (jp_observer, chair_delegate):
        entry = the_return(reader)
        assert (entry["payload"], entry["object_id"], entry["actor"]) == ({}, "", "")
        assert entry["withheld"] == ["actor", "object_id", "payload"]
        assert entry["redacted"] is True
        assert NOTE not in str(read(reader, 0))


def test_what_is_written_of_a_returned_activity_stays_private(
    read, returned_activity, kz_delegate, officer, jp_observer
):
    """The Secretariat's correction that keeps it returned, a file attached meanwhile."""
    # given
    after = _head()
    cbm.correct_activity(acting_user=officer, activity=returned_activity, summary="Private")
    cbm.attach_activity_file(
        acting_user=kz_delegate, activity=returned_activity, name="report.txt", content=b"Report"
    )
    _corrected(returned_activity, kz_delegate, officer)

    # when
    seen = {item["action"]: item for item in read(jp_observer, after)}

    # then: written while returned, withheld; the correction that made it public, shown
    assert seen["cbm.attach_file"]["payload"] == {}
    corrections = [i for i in read(jp_observer, after) if i["action"] == "cbm.correct_activity"]
    assert corrections[0]["payload"] == {}
    assert corrections[1]["payload"]["title"] == "Corrected"


def test_a_return_written_before_audiences_were_named_stays_private(
    read, kz_delegate, officer, jp_observer, returned_activity
):
    """An entry of the old form (no `private_to`): the redaction knows a return is private."""
    # given: the entry as it was written before, and the activity public again
    after = _head()
    with transaction.atomic():
        audit.record(
            actor=officer,
            action="cbm.return_activity",
            obj=returned_activity,
            payload={"title": returned_activity.title, "status": "returned", "note": NOTE},
        )
    _corrected(returned_activity, kz_delegate, officer)

    # then
    assert _first(read(jp_observer, after), "cbm.return_activity")["payload"] == {}
    assert _first(read(kz_delegate, after), "cbm.return_activity")["payload"]["note"] == NOTE


def test_an_audience_is_hashed_with_the_entry(returned_activity):
    entry = AuditEntry.objects.get(action="cbm.return_activity")

    assert entry.payload["private_to"] == ["IN", "KZ"]
    assert audit.compute_hash(entry) == entry.hash


# ---- accounts --------------------------------------------------------------------------------


def test_an_account_is_named_only_to_its_own_state_and_the_secretariat(
    read, silence, kz_delegate, officer, jp_observer
):
    # given: a comment of Kazakhstan's delegate, one of the Secretariat's
    after = _head()
    colleague = accounts.create_user(
        acting_user=SYSTEM, username="kz-2", role="delegate", state_code="KZ", password="x" * 16
    )
    actions.comment(acting_user=kz_delegate, procedure=silence, text="Ours")
    actions.comment(acting_user=officer, procedure=silence, text="The Secretariat's")

    def actors(user) -> list[tuple]:
        return [
            (item["actor"], item["actor_role"], item["actor_party"])
            for item in read(user, after)
            if item["action"] == "decisions.comment"
        ]

    # then
    assert actors(officer) == [("kz", "delegate", "KZ"), ("officer", "secretariat", None)]
    assert actors(colleague) == [("kz", "delegate", "KZ"), ("", "secretariat", None)]
    assert actors(jp_observer) == [("", "delegate", "KZ"), ("", "secretariat", None)]


def test_a_hidden_draft_shows_neither_its_author_nor_its_id(read, kz_delegate, in_delegate):
    # given: Kazakhstan's draft, not circulated
    after = _head()
    draft = actions.create_draft(
        acting_user=kz_delegate, kind="statement", title="Ours", text_en="Text"
    )

    # when
    entry = _first(read(in_delegate, after), "decisions.create_draft")

    # then
    assert (entry["actor"], entry["actor_role"], entry["actor_party"]) == ("", "", None)
    assert entry["object_id"] == ""
    assert _first(read(kz_delegate, after), "decisions.create_draft")["object_id"] == str(draft.pk)


def test_what_is_recorded_of_an_account_is_its_own(read, kz_delegate, in_delegate, officer):
    # given: the readers' tokens, then a new account of Kazakhstan and a token of it
    for reader in (kz_delegate, in_delegate):
        read(reader)
    after = _head()
    account = accounts.create_user(
        acting_user=officer, username="kz-new", role="delegate", state_code="KZ", password="x" * 16
    )
    accounts.issue_api_token(acting_user=SYSTEM, user=account, name="kz-new's")

    def payloads(user) -> dict:
        return {
            item["action"]: item["payload"]
            for item in read(user, after)
            if item["action"].startswith("accounts.")
        }

    # then
    assert payloads(kz_delegate)["accounts.create_user"]["username"] == "kz-new"
    token = payloads(kz_delegate)["accounts.issue_api_token"]
    assert (token["user"], token["name"]) == ("kz-new", "kz-new's")
    assert payloads(in_delegate) == {"accounts.create_user": {}, "accounts.issue_api_token": {}}
    assert "kz-new" not in str(read(in_delegate, after))


def test_a_reader_recomputes_the_hash_of_what_is_shown_whole(read, kz_delegate, officer):
    # given
    after = _head()
    actions.create_draft(acting_user=kz_delegate, kind="statement", title="T", text_en="Text")

    # when
    (item,) = [i for i in read(kz_delegate, after) if i["action"] == "decisions.create_draft"]
    entry = AuditEntry(
        seq=item["seq"],
        at=dt.datetime.fromisoformat(item["at"]),  # as hashed, to the microsecond
        actor_label=item["actor"],
        action=item["action"],
        object_type=item["object_type"],
        object_id=item["object_id"],
        payload=item["payload"],
        prev_hash=item["prev_hash"],
    )

    # then
    assert item["redacted"] is False
    assert audit.compute_hash(entry) == item["hash"]


def test_the_record_reads_in_a_constant_number_of_queries(
    returned_activity, kz_delegate, in_delegate, officer, jp_observer
):
    client = bearer_client(jp_observer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/audit", {"page_size": 200}).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        """Five entries, one of each kind the redaction looks into."""
        actions.create_draft(acting_user=kz_delegate, kind="statement", title="T", text_en="x")
        cbm.correct_activity(acting_user=officer, activity=returned_activity, summary=str(n))
        accounts.create_user(
            acting_user=officer, username=f"in-{n}", role="delegate", state_code="IN"
        )
        accounts.issue_api_token(acting_user=SYSTEM, user=in_delegate, name=f"in-{n}")
        cbm.attach_activity_file(
            acting_user=kz_delegate,
            activity=returned_activity,
            name=f"{n}.txt",
            content=str(n).encode(),
        )

    # given (a first read writes the token's last use, once a minute)
    add(0)
    count()
    before = count()

    # when: twenty more
    for n in range(1, 5):
        add(n)

    # then
    assert count() == before
