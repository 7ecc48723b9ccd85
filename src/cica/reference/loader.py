"""Read a reference YAML file into checked records, reporting file, line and reason for any fault.

Parsing and checking happen before anything is written (see actions.load_reference). A
`supplement.yaml` beside the file adds cited facts that the file does not hold (or holds where
no section is read), checked against the file's sources.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from cica.reference.schema import ReferenceIn, SupplementIn

SUPPLEMENT = "supplement.yaml"


class ReferenceDataError(Exception):
    """A malformed reference file: where and why."""

    def __init__(self, path: Path | str, line: int | None, reason: str):
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class _LineDict(dict):
    """A mapping that remembers the line of each of its values."""

    lines: dict[Any, int]


class _LineList(list):
    lines: list[int]


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        self.flatten_mapping(node)
        mapping = _LineDict(super().construct_mapping(node, deep=True))
        mapping.lines = {
            self.construct_object(key, deep=True): value.start_mark.line + 1
            for key, value in node.value
        }
        return mapping

    def construct_sequence(self, node, deep=False):
        sequence = _LineList(super().construct_sequence(node, deep=True))
        sequence.lines = [item.start_mark.line + 1 for item in node.value]
        return sequence


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def _line_of(data: Any, location: tuple) -> int | None:
    """The line of the deepest node of `location` that exists in the parsed file."""
    line, node = None, data
    for part in location:
        lines = getattr(node, "lines", None)
        try:
            line = lines[part] if lines is not None else line
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    return line


@dataclass(frozen=True)
class ParsedReference:
    path: Path
    sha256: str
    data: ReferenceIn
    supplement_sha256: str = ""


def _validated(path: Path, raw_data: Any, model: type[BaseModel]):
    try:
        return model.model_validate(raw_data)
    except ValidationError as error:
        first = error.errors()[0]
        location = first["loc"]
        field = ".".join(str(part) for part in location)
        raise ReferenceDataError(
            path, _line_of(raw_data, location), f"{field}: {first['msg']}"
        ) from error


def parse(path: Path | str) -> ParsedReference:
    """Read, parse and check a reference file and its supplement; raise ReferenceDataError at the
    first fault."""
    path = Path(path)
    raw, data = _read(path)
    checked = _validated(path, data, ReferenceIn)
    _check_references(path, data, checked)
    supplement_path, supplement_sha256 = path.with_name(SUPPLEMENT), ""
    if supplement_path.exists():
        supplement_raw, supplement_data = _read(supplement_path)
        supplement = _validated(supplement_path, supplement_data, SupplementIn)
        _check_supplement(supplement_path, supplement_data, supplement, data)
        checked = checked.model_copy(update={"supplement": supplement})
        supplement_sha256 = hashlib.sha256(supplement_raw).hexdigest()
    return ParsedReference(
        path=path,
        sha256=hashlib.sha256(raw).hexdigest(),
        data=checked,
        supplement_sha256=supplement_sha256,
    )


def _read(path: Path) -> tuple[bytes, dict]:
    """The bytes of a YAML file and its mapping, each node knowing its line."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ReferenceDataError(path, None, f"cannot read the file: {error.strerror}") from error
    try:
        text = raw.decode("utf-8")
        data = yaml.load(text, Loader=_LineLoader)
    except UnicodeDecodeError as error:
        raise ReferenceDataError(path, None, "the file is not UTF-8 text") from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise ReferenceDataError(path, line, f"not valid YAML: {error.problem}") from error
    if not isinstance(data, dict):
        raise ReferenceDataError(path, 1, "the file must be a YAML mapping of sections")
    return raw, data


def _record_at(data: Any, path: str) -> Any:
    """The node of the reference file at a dotted path; `key=value` picks a list's items."""
    node = data
    for part in path.split("."):
        if isinstance(node, list) and "=" in part:
            key, value = part.split("=", 1)
            node = [item for item in node if isinstance(item, dict) and item.get(key) == value]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node or None


def _sources_of(node: Any) -> set[str]:
    if isinstance(node, list):
        return {key for item in node for key in _sources_of(item)}
    return set(node.get("sources") or []) if isinstance(node, dict) else set()


def _check_supplement(path: Path, raw: dict, supplement: SupplementIn, reference: dict) -> None:
    """Every source a fact or quote cites is one of the file's, and a fact that restates a record
    of the file (`see`) cites all of that record's sources."""
    known = {source.get("id") for source in reference.get("sources") or []}
    for i, fact in enumerate(supplement.about):
        where = _line_of(raw, ("about", i))
        for key in fact.sources:
            if key not in known:
                raise ReferenceDataError(path, where, f"unknown source id {key!r}")
        for quote in fact.quotes:
            if quote.source not in fact.sources:
                raise ReferenceDataError(path, where, f"{quote.source!r} is quoted, not cited")
        if fact.see:
            record = _record_at(reference, fact.see)
            if record is None:
                raise ReferenceDataError(path, where, f"no record {fact.see!r} in the file")
            missing = sorted(_sources_of(record) - set(fact.sources))
            if missing:
                raise ReferenceDataError(
                    path, where, f"{fact.see} is cited by {', '.join(missing)}: cite them too"
                )


def _check_references(path: Path, raw: dict, data: ReferenceIn) -> None:
    """Every cited source exists, ids are unique, and states named elsewhere are defined."""

    def fail(location: tuple, reason: str):
        raise ReferenceDataError(path, _line_of(raw, location), reason)

    source_ids: set[str] = set()
    for i, source in enumerate(data.sources):
        if source.id in source_ids:
            fail(("sources", i), f"source id {source.id!r} is listed twice")
        source_ids.add(source.id)

    def check_cited(value: Any, location: tuple) -> None:
        cited = getattr(value, "sources", None)
        if isinstance(cited, list) and value is not data:
            for source_id in cited:
                if source_id not in source_ids:
                    fail(location, f"unknown source id {source_id!r}")
        if isinstance(value, list):
            for i, item in enumerate(value):
                check_cited(item, (*location, i))
        elif isinstance(value, BaseModel):
            for name, field_info in type(value).model_fields.items():
                check_cited(getattr(value, name), (*location, field_info.alias or name))
        elif isinstance(value, dict):
            for key, item in value.items():
                check_cited(item, (*location, key))

    check_cited(data, ())

    state_codes: set[str] = set()
    for i, state in enumerate(data.states):
        if state.iso2 in state_codes:
            fail(("states", i), f"state {state.iso2} is listed twice")
        state_codes.add(state.iso2)
    organization_ids: set[str] = set()
    for i, organization in enumerate(data.organizations):
        if organization.id in organization_ids:
            fail(("organizations", i), f"organization {organization.id} is listed twice")
        organization_ids.add(organization.id)
    body_ids: set[str] = set()
    for i, body in enumerate(data.bodies):
        if body.id in body_ids:
            fail(("bodies", i), f"body {body.id} is listed twice")
        body_ids.add(body.id)
    if data.cbm:
        for i, dimension in enumerate(data.cbm.dimensions):
            for j, area in enumerate([dimension, *dimension.priority_areas]):
                where = (
                    ("cbm", "dimensions", i)
                    if j == 0
                    else ("cbm", "dimensions", i, "priority_areas", j - 1)
                )
                named = [
                    c.state
                    for c in [
                        area.coordinator,
                        *area.co_coordinators,
                        *area.co_coordinator_additions,
                    ]
                    if c
                ]
                for term in area.coordinator_history:
                    named += [
                        code
                        for code in [term.coordinator, term.co_coordinator, *term.co_coordinators]
                        if code
                    ]
                for code in named:
                    if code not in state_codes:
                        fail(where, f"coordinator {code} is not a state of the file")
    for i, term in enumerate(data.chairmanships):
        if term.state not in state_codes:
            fail(("chairmanships", i, "state"), f"chairmanship of unknown state {term.state}")
    if data.secretariat:
        for group in ("heads", "deputies"):
            for i, holder in enumerate(getattr(data.secretariat, group)):
                if holder.nationality and holder.nationality not in state_codes:
                    fail(
                        ("secretariat", group, i, "nationality"),
                        f"nationality {holder.nationality} is not a state of the file",
                    )
