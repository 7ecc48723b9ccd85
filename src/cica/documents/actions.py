"""The Secretariat keeps the documents register: every change checked, in a transaction, audited.

Treaty actions recompute the instrument's entry into force; text changes and files re-index the
document for search. A failed upload stores no file and no row.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import attachments, audit, clock, extraction, limits, roles
from cica.core.effects import require_authority
from cica.core.errors import InvalidInput, NotFound, SecretariatOnly, unique
from cica.documents import errors, permissions, rules, search, tasks
from cica.documents.models import Document, DocumentFile, TreatyAction, TreatyParameters
from cica.registry.models import State

EDITABLE = (
    "type",
    "symbol",
    "title_en",
    "title_ru",
    "text_en",
    "text_ru",
    "status",
    "date",
    "date_precision",
    "place",
    "body",
    "meeting",
    "decision",
    "action",
)
# The longest text of each editable field (core.limits).
TEXT_LIMITS = {
    "symbol": limits.LABEL,
    "title_en": limits.TITLE,
    "title_ru": limits.TITLE,
    "text_en": limits.TEXT,
    "text_ru": limits.TEXT,
    "place": limits.LABEL,
    "action": limits.NOTE,
}
RELATIONS = ("amends", "supersedes")
INSTRUMENT_TYPES = (Document.Type.FOUNDING, Document.Type.TREATY)


def require_secretariat(user) -> None:
    """Also called by the API before it reads the input, so that a refusal comes first."""
    if not permissions.can_manage_documents(user):
        raise SecretariatOnly(_("Only the Secretariat keeps the documents register."))


def _snapshot(document: Document, relations=RELATIONS) -> dict:
    """The editable fields' values and the keys of the named `relations`."""
    values = {}
    for name in EDITABLE:
        value = getattr(document, name)
        values[name] = getattr(value, "key", getattr(value, "pk", value)) if value else value
    for name in relations:
        values[name] = sorted(getattr(document, name).values_list("key", flat=True))
    return values


def _lock(document: Document) -> Document:
    """Re-read the document under a row lock. Its entry into force and its search index are
    computed from all its rows, and its rules read them first: writes to one document go one
    at a time (PostgreSQL runs them side by side otherwise; SQLite holds one writer anyway)."""
    return Document.objects.select_for_update().get(pk=document.pk)


def _check(fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise InvalidInput(_("Unknown field."), field=sorted(unknown)[0])
    if "type" in fields and fields["type"] not in Document.Type.values:
        raise InvalidInput(_("Unknown type of document."), field="type")
    if "status" in fields and fields["status"] not in Document.Status.values:
        raise InvalidInput(
            _("The status recorded is draft, unconfirmed or adopted."), field="status"
        )
    if "title_en" in fields and not (fields["title_en"] or "").strip():
        raise InvalidInput(_("Give the title in English."), field="title_en")
    for name, limit in TEXT_LIMITS.items():
        if isinstance(fields.get(name), str):
            limits.check(fields[name], limit, field=name)
    date = fields.get("date")
    if date is not None and date > clock.today() + dt.timedelta(days=366):
        raise InvalidInput(_("The date is too far in the future."), field="date")


def _set_relations(document: Document, relations: dict) -> None:
    for name, keys in relations.items():
        if keys is None:
            continue
        keys = list(dict.fromkeys(keys))
        if document.key in keys:
            raise InvalidInput(_("A document cannot amend or supersede itself."), field=name)
        targets = list(Document.objects.filter(key__in=keys))
        missing = set(keys) - {target.key for target in targets}
        if missing:
            raise InvalidInput(_("No document %(key)s.") % {"key": sorted(missing)[0]}, field=name)
        getattr(document, name).set(targets)


@transaction.atomic
def create_document(*, acting_user, key: str, amends=None, supersedes=None, **fields) -> Document:
    require_secretariat(acting_user)
    fields.setdefault("type", None)
    fields.setdefault("title_en", "")
    _check(fields)
    if Document.objects.filter(key=key).exists():
        raise errors.DocumentExists(field="id")
    with unique(errors.DocumentExists(field="id")):
        document = Document.objects.create(key=key, **fields)
    _set_relations(document, {"amends": amends, "supersedes": supersedes})
    search.index([document])
    audit.record(
        actor=acting_user, action="documents.create", obj=document, payload=_snapshot(document)
    )
    return document


@transaction.atomic
def update_document(
    *, acting_user, document: Document, amends=None, supersedes=None, **changes
) -> Document:
    """Edit a document's register entry, its texts and what it amends or supersedes."""
    require_secretariat(acting_user)
    _check(changes)
    document = _lock(document)
    before = _snapshot(document)
    for name, value in changes.items():
        setattr(document, name, value)
    document.save()
    relations = {"amends": amends, "supersedes": supersedes}
    _set_relations(document, relations)
    # A relation not given is as it was before: not read again.
    after = {
        **before,
        **_snapshot(document, [name for name in RELATIONS if relations[name] is not None]),
    }
    changed = {name: after[name] for name in after if after[name] != before[name]}
    if changed:
        search.index([document])
        audit.record(
            actor=acting_user,
            action="documents.update",
            obj=document,
            payload={"key": document.key, "changes": changed},
        )
    return document


def refresh_entry_into_force(document: Document) -> None:
    """Compute the instrument's entry into force from its rule and actions, and keep it."""
    treaty = TreatyParameters.objects.filter(document=document).first()
    if treaty is None:
        return
    eif = rules.treaty_entry_into_force(treaty, TreatyAction.objects.filter(document=document))
    if (treaty.entry_into_force, treaty.entry_into_force_earliest) != (eif.latest, eif.earliest):
        treaty.entry_into_force, treaty.entry_into_force_earliest = eif.latest, eif.earliest
        treaty.save(update_fields=["entry_into_force", "entry_into_force_earliest"])


@transaction.atomic
def record_treaty_action(
    *,
    acting_user,
    document: Document,
    state: State,
    kind: str,
    date: dt.date,
    place: str = "",
    note: str = "",
) -> TreatyAction:
    """A state signed, ratified, acceded, ...: recorded as reported, with its date."""
    require_secretariat(acting_user)
    if document.type not in INSTRUMENT_TYPES:
        raise errors.NotATreaty(field="document")
    if kind not in TreatyAction.Kind.values:
        raise InvalidInput(_("Unknown kind of treaty action."), field="kind")
    limits.check(place, limits.LABEL, field="place")
    limits.check(note, limits.NOTE, field="note")
    if date > clock.today():
        raise InvalidInput(_("A treaty action cannot be dated in the future."), field="date")
    if document.date and date < document.date:
        raise InvalidInput(_("The action predates the document."), field="date")
    document = _lock(document)
    if TreatyAction.objects.filter(document=document, state=state, kind=kind, date=date).exists():
        raise errors.TreatyActionRecorded(field="kind")
    with unique(errors.TreatyActionRecorded(field="kind")):
        action = TreatyAction.objects.create(
            document=document, state=state, kind=kind, date=date, place=place, note=note
        )
    refresh_entry_into_force(document)
    audit.record(
        actor=acting_user,
        action="documents.record_treaty_action",
        obj=action,
        payload={
            "document": document.key,
            "state": state.code,
            "kind": kind,
            "date": date,
            "place": place,
            "note": note,
        },
    )
    return action


@transaction.atomic
def remove_treaty_action(*, acting_user, action: TreatyAction) -> None:
    """A treaty action recorded in error goes; the entry into force is computed again."""
    require_secretariat(acting_user)
    document = _lock(action.document)
    # Removed meanwhile (the same removal sent twice): gone, as it would be one after the other.
    action = TreatyAction.objects.select_related("state").filter(pk=action.pk).first()
    if action is None:
        raise NotFound(_("No such treaty action."), field="action_id")
    audit.record(
        actor=acting_user,
        action="documents.remove_treaty_action",
        obj=action,
        payload={
            "document": document.key,
            "state": action.state.code,
            "kind": action.kind,
            "date": action.date,
        },
    )
    action.delete()
    refresh_entry_into_force(document)


def attach_file(*, acting_user, document: Document, name: str, content: bytes, language: str):
    """Attach an official text; nothing is stored unless all of it is."""
    require_secretariat(acting_user)
    if language not in DocumentFile.Language.values:
        raise InvalidInput(_("The language must be en or ru."), field="language")
    inspected = attachments.inspect(name, content)
    stored = DocumentFile(
        document=document,
        language=language,
        name=inspected.name,
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        text=inspected.text or "",
        text_status=DocumentFile.TextStatus.PENDING
        if inspected.text is None
        else DocumentFile.TextStatus.EXTRACTED,
        uploaded_by=roles.account_of(acting_user),
    )
    with attachments.stored_with(stored), transaction.atomic():
        document = _lock(document)
        attached = DocumentFile.objects.filter(document=document, language=language)
        attachments.store(stored, inspected, content, attached=attached)
        search.index([document])
        audit.record(
            actor=acting_user,
            action="documents.attach_file",
            obj=stored,
            payload={
                "document": document.key,
                "name": stored.name,
                "language": language,
                "size": stored.size,
                "sha256": stored.sha256,
            },
        )
        if stored.text_status == DocumentFile.TextStatus.PENDING:
            tasks.extract_later(stored)
    return stored


def record_file_text(*, file_id: int) -> DocumentFile | None:
    """The worker's part of an attachment: the text of a PDF or DOCX, read within limits, is
    kept and indexed; a file beyond them is recorded as without text, and why. None if the file
    was removed, or its text recorded, meanwhile."""
    file = DocumentFile.objects.filter(pk=file_id, text_status=DocumentFile.TextStatus.PENDING)
    found = file.first()
    if found is None:
        return None
    text, failure = "", ""
    try:  # outside any transaction: it may take the time limit
        with found.file.open("rb") as stored:
            text = attachments.extract_text(found.extension, stored.read())
    except extraction.ExtractionFailed as failed:
        failure = failed.code
    except OSError:  # the stored file is gone
        failure = DocumentFile.TextFailure.UNREADABLE
    return _record_text(file, text, failure)


@transaction.atomic
def _record_text(pending, text: str, failure: str) -> DocumentFile | None:
    found = pending.select_for_update(of=("self",)).select_related("document").first()
    if found is None:
        return None
    found.text, found.text_failure = text, failure
    found.text_status = (
        DocumentFile.TextStatus.FAILED if failure else DocumentFile.TextStatus.EXTRACTED
    )
    found.save(update_fields=["text", "text_status", "text_failure"])
    search.index([found.document])
    audit.record(
        actor=roles.SYSTEM,
        action="documents.extract_text",
        obj=found,
        payload={
            "document": found.document.key,
            "name": found.name,
            "status": found.text_status,
            "failure": failure,
            "characters": len(text),
        },
    )
    return found


@transaction.atomic
def remove_file(*, acting_user, file: DocumentFile) -> None:
    require_secretariat(acting_user)
    document = _lock(file.document)
    # Removed meanwhile (the same removal sent twice): gone, as it would be one after the other.
    file = DocumentFile.objects.defer("text").filter(pk=file.pk).first()
    if file is None:
        raise NotFound(_("No such file."), field="file_id")
    name = file.file.name
    audit.record(
        actor=acting_user,
        action="documents.remove_file",
        obj=file,
        payload={"document": document.key, "name": file.name, "sha256": file.sha256},
    )
    file.delete()
    search.index([document])
    # The stored file goes only once the removal is committed.
    transaction.on_commit(lambda: file.file.storage.delete(name))


@transaction.atomic
def adopt_document(*, acting_user, document: Document, on: dt.date, decision) -> Document:
    """The register records the decision adopting the document; a draft (or an unconfirmed
    entry) is adopted on that day. By the authority of the decision (documents.effects), not
    the Secretariat's."""
    require_authority(decision, "adopt_document")
    document = _lock(document)
    before = _snapshot(document)
    document.decision = decision
    if document.status != Document.Status.ADOPTED:
        document.status, document.date = Document.Status.ADOPTED, on
        document.date_precision = "day"
    document.body = document.body or decision.body
    document.save()
    after = _snapshot(document)
    search.index([document])
    audit.record(
        actor=acting_user,
        action="documents.adopt_document",
        obj=document,
        payload={
            "key": document.key,
            "changes": {name: after[name] for name in after if after[name] != before[name]},
        },
    )
    return document
