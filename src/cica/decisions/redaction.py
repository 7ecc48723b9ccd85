"""The audit record as each reader may read it (`GET /api/v1/audit`).

Every entry keeps its place, time, action, object type and hashes, so the chain links for every
reader. What else it shows follows who may read what it records, judged both now and as it was
when it was written; what is withheld is named in `withheld`:

- An entry about an object the reader may not see now (another state's draft before it is
  circulated, its versions, a CBM activity returned to other states, its files) is withheld
  whole: its payload, its object's id and its actor (whose state would name the draft's author).
- So is an entry private when it was written (it names its audience, `private_to`: the
  Secretariat and the delegates of those states) to any reader outside that audience, whatever
  became of the object since: the Secretariat's note returning an activity stays its states'
  after the activity is corrected or validated. Of the entries written before audiences were
  named, the redaction knows which were private: the return of an activity, and a correction by
  the Secretariat that left it returned, were the activity's states'.
- Another account's refusal keeps its payload to that account.
- An account is named (its username) only to the Secretariat, to itself and to the accounts of
  its own state or organization; another reader sees its role and the code of its state or
  organization (`actor_role`, `actor_party`, as they are now). The payload of an entry about an
  account (its creation, its language, its tokens) is likewise its own.

The Secretariat reads everything. A reader can recompute the hash of an entry nothing is withheld
from (`redacted` false); of the others, the links of the chain only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from cica.accounts.models import ApiToken, User
from cica.core import roles
from cica.core.audit import PRIVATE_TO
from cica.core.models import AuditEntry
from cica.decisions import permissions
from cica.decisions.models import Version

ACTOR, OBJECT_ID, PAYLOAD = "actor", "object_id", "payload"
WHOLE = [ACTOR, OBJECT_ID, PAYLOAD]
# Entries about an account: what they record is the account's.
ACCOUNT_OBJECTS = ("accounts.user", "accounts.apitoken")


@dataclass(frozen=True)
class Account:
    pk: int
    role: str
    party: str | None
    state_id: int | None
    organization_id: int | None


# What the apps above this one withhold of the objects they own, each added from its own side (its
# AppConfig.ready), so that the redaction imports none of them: by object type, the function that
# gives, of some ids, the objects a reader may not see now.
Hidden = Callable[[User, set[int]], set[int]]
_HIDDEN: dict[str, Hidden] = {}


@dataclass(frozen=True)
class LegacyPrivacy:
    """How to tell, of the entries about one type of object written before audiences were named
    (`private_to`), those that were private, and to whom."""

    was_private: Callable[[AuditEntry], bool]
    # Of some objects' ids, those whose states the reader speaks for (and may read privately).
    concerned: Hidden


_LEGACY: dict[str, LegacyPrivacy] = {}


def withhold_hidden(object_type: str, hidden: Hidden) -> None:
    """Withhold whole the entries about the objects of `object_type` that a reader may not see
    now: `hidden(reader, ids)` gives those of `ids`."""
    _HIDDEN[object_type] = hidden


def withhold_legacy_private(object_type: str, privacy: LegacyPrivacy) -> None:
    """Withhold whole, from the readers they did not concern, the entries about `object_type`
    written private before audiences were named."""
    _LEGACY[object_type] = privacy


def _accounts(ids: set[int]) -> dict[int, Account]:
    rows = User.objects.filter(pk__in=ids).values_list(
        "pk",
        "role",
        "is_superuser",
        "state_id",
        "state__code",
        "organization_id",
        "organization__code",
    )
    return {
        pk: Account(
            pk=pk,
            # An administrator has no role of its own but the Secretariat's powers.
            role=role or (roles.SECRETARIAT if superuser else ""),
            party=state or organization,
            state_id=state_id,
            organization_id=organization_id,
        )
        for pk, role, superuser, state_id, state, organization_id, organization in rows
    }


def may_know(reader, account: Account | None) -> bool:
    """Whether `reader` may know who holds `account`: the account itself, the Secretariat, and
    the accounts of its state or organization."""
    if account is None:
        return False
    if roles.is_secretariat(reader) or account.pk == reader.pk:
        return True
    same_state = account.state_id is not None and account.state_id == reader.state_id
    same_organization = (
        account.organization_id is not None and account.organization_id == reader.organization_id
    )
    return same_state or same_organization


def _legacy_private(entry: AuditEntry) -> bool:
    """Written private, before audiences were named (the apps say which: LegacyPrivacy)."""
    privacy = _LEGACY.get(entry.object_type)
    return (
        privacy is not None
        and PRIVATE_TO not in entry.payload
        and entry.object_id.isdigit()
        and privacy.was_private(entry)
    )


def _ids(entries: list[AuditEntry]) -> dict[str, set[int]]:
    ids: dict[str, set[int]] = {}
    for entry in entries:
        if entry.object_id.isdigit():
            ids.setdefault(entry.object_type, set()).add(int(entry.object_id))
    return ids


def _hidden_now(reader, ids: dict[str, set[int]]) -> dict[str, set[int]]:
    """The objects, by type, that `reader` may not see now."""
    version_drafts = dict(
        Version.objects.filter(pk__in=ids.get("decisions.version", ())).values_list(
            "pk", "draft_id"
        )
    )
    drafts = permissions.hidden_drafts(
        reader, ids.get("decisions.draft", set()) | set(version_drafts.values())
    )
    return {
        "decisions.draft": drafts,
        "decisions.version": {pk for pk, draft in version_drafts.items() if draft in drafts},
        **{
            object_type: hidden(reader, ids.get(object_type, set()))
            for object_type, hidden in _HIDDEN.items()
        },
    }


def _withheld(
    reader, entries: list[AuditEntry], accounts: dict, token_users: dict
) -> dict[int, list[str]]:
    """What `reader` may not see of each entry, by its sequence number; a few queries."""
    ids = _ids(entries)
    hidden = _hidden_now(reader, ids)
    own_state = reader.state.code if roles.is_delegate(reader) else None
    legacy: dict[str, set[int]] = {}
    for entry in entries:
        if _legacy_private(entry):
            legacy.setdefault(entry.object_type, set()).add(int(entry.object_id))
    concerned = {
        object_type: _LEGACY[object_type].concerned(reader, pks)
        for object_type, pks in legacy.items()
    }

    def private(entry: AuditEntry) -> bool:
        if PRIVATE_TO in entry.payload:
            return own_state not in entry.payload[PRIVATE_TO]
        return _legacy_private(entry) and int(entry.object_id) not in concerned[entry.object_type]

    def account_of(entry: AuditEntry) -> Account | None:
        pk = int(entry.object_id) if entry.object_id.isdigit() else None
        if entry.object_type == "accounts.apitoken":
            pk = token_users.get(pk)
        return accounts.get(pk)

    withheld: dict[int, list[str]] = {}
    for entry in entries:
        about_hidden = entry.object_id.isdigit() and int(entry.object_id) in hidden.get(
            entry.object_type, ()
        )
        if about_hidden or private(entry):
            withheld[entry.seq] = WHOLE
            continue
        parts = []
        if entry.actor_id is not None and not may_know(reader, accounts.get(entry.actor_id)):
            parts.append(ACTOR)
        others_refusal = entry.action == "authorization.denied" and entry.actor_id != reader.pk
        about_account = entry.object_type in ACCOUNT_OBJECTS
        if others_refusal or (about_account and not may_know(reader, account_of(entry))):
            parts.append(PAYLOAD)
        withheld[entry.seq] = parts
    return withheld


def redact(reader, entries: list[AuditEntry]) -> list[AuditEntry]:
    """`entries` as `reader` may read them: each gets `withheld`, `redacted`, `actor_shown`,
    `actor_role` and `actor_party`; what is withheld is emptied. A few queries for a page,
    whatever its length."""
    ids = _ids(entries)
    token_users = dict(
        ApiToken.objects.filter(pk__in=ids.get("accounts.apitoken", ())).values_list(
            "pk", "user_id"
        )
    )
    accounts = _accounts(
        {entry.actor_id for entry in entries if entry.actor_id is not None}
        | ids.get("accounts.user", set())
        | set(token_users.values())
    )
    withheld: dict[int, list[str]]
    if roles.is_secretariat(reader):
        withheld = {entry.seq: [] for entry in entries}
    else:
        withheld = _withheld(reader, entries, accounts, token_users)
    for entry in entries:
        entry.withheld = withheld[entry.seq]
        entry.redacted = bool(entry.withheld)
        entry.actor_shown = "" if ACTOR in entry.withheld else entry.actor_label
        if entry.actor_id is None:
            entry.actor_role, entry.actor_party = "system", None
        elif entry.withheld == WHOLE:
            entry.actor_role, entry.actor_party = "", None
        else:
            actor = accounts[entry.actor_id]
            entry.actor_role, entry.actor_party = actor.role, actor.party
        if OBJECT_ID in entry.withheld:
            entry.object_id = ""
        if PAYLOAD in entry.withheld:
            entry.payload = {}
    return entries
