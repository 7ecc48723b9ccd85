"""Writes as the database sees them, held to the rule the cached reads rest on (core.cache):
a transaction that changes a table a cached read depends on appends an audit entry of a type
that read lists, or the read keeps serving what it stored before the change.

A wrapper around every statement of the connection follows the transactions of the code under
test by their savepoints (each action is `@transaction.atomic`, a savepoint inside the test's
transaction): the tables an outermost block writes and the object types of the audit entries
it appends are gathered until it is released, then checked; a block rolled back wrote nothing.
A write outside any block is checked on its own.
"""

import importlib
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from cica.core import cache
from cica.core.models import AuditEntry

# The URL configuration imports every module that declares a cached read.
importlib.import_module(settings.ROOT_URLCONF)

AUDIT_TABLE = AuditEntry._meta.db_table
_WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)
_SAVEPOINT = re.compile(r'\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\s+"?(\w+)"?')
_COLUMNS = re.compile(r"\(([^()]*)\)\s*VALUES", re.IGNORECASE)


@dataclass
class Block:
    """An outermost transaction (or savepoint) of the code under test, as it goes."""

    sid: str | None
    where: str
    code: str = ""  # named at its first write, once the action that opened it runs
    tables: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Miss:
    """A write a cached read would not see: the read, the tables of it written, and where."""

    read: str
    tables: tuple[str, ...]
    where: str
    code: str
    types: tuple[str, ...]

    def __str__(self) -> str:
        audited = ", ".join(repr(type_) for type_ in self.types) or "none"
        return (
            f"{self.where} ({self.code}) wrote {', '.join(self.tables)}, read by the cached read"
            f" {self.read!r}, with no audit entry of a type it lists (audited: {audited})"
        )


class AuditedWrites:
    """The connection's execute wrapper: set `where` (a route, a step of a test) as it goes;
    `misses` holds what breaks the rule, `blocks` counts the blocks that wrote."""

    def __init__(self, reads: Iterable[str] | None = None):
        names = cache.READS if reads is None else reads
        self.reads = {name: (cache.tables(name), set(cache.object_types(name))) for name in names}
        self.where = ""
        self.stack: list[Block] = []
        self.misses: list[Miss] = []
        self.blocks = 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self._see(sql, params, many)  # once it ran: a statement that failed wrote nothing
        return result

    def _see(self, sql: str, params, many: bool) -> None:
        if found := _SAVEPOINT.match(sql):
            self._savepoint(found.group(1), found.group(2))
            return
        if not (found := _WRITE.match(sql)):
            return
        table = found.group(1)
        block = self.stack[-1] if self.stack else Block(None, self.where)
        block.code = block.code or _code()
        block.tables.add(table)
        if table == AUDIT_TABLE and sql.lstrip()[:6].upper() == "INSERT":
            block.types.update(_object_types(sql, params, many))
        if not self.stack:
            self._check(block)

    def _savepoint(self, verb: str, sid: str) -> None:
        if verb == "SAVEPOINT":
            self.stack.append(Block(sid, self.where))
            return
        sids = [block.sid for block in self.stack]
        if sid not in sids:  # opened before the wrapper was
            return
        if verb == "ROLLBACK TO SAVEPOINT":
            del self.stack[sids.index(sid) + 1 :]
            self.stack[-1].tables.clear()
            self.stack[-1].types.clear()
            return
        del self.stack[sids.index(sid) + 1 :]
        block = self.stack.pop()
        if self.stack:
            self.stack[-1].code = self.stack[-1].code or block.code
            self.stack[-1].tables |= block.tables
            self.stack[-1].types |= block.types
        else:
            self._check(block)

    def _check(self, block: Block) -> None:
        if not block.tables:
            return
        self.blocks += 1
        for name, (tables, types) in self.reads.items():
            written = block.tables & tables
            if written and not block.types & types:
                self.misses.append(
                    Miss(name, tuple(sorted(written)), block.where, block.code, tuple(block.types))
                )

    def report(self) -> str:
        return "\n".join(str(miss) for miss in self.misses)


def _object_types(sql: str, params, many: bool) -> Iterator[str]:
    """The object_type of each row of an INSERT into the audit table."""
    columns = [name.strip().strip('"`') for name in _COLUMNS.search(sql).group(1).split(",")]
    at = columns.index("object_type")
    for row in params if many else [params]:
        for start in range(0, len(row), len(columns)):
            yield row[start + at]


def _code() -> str:
    """Where in cica a block writes: the view, API handler or command that runs it, and the
    outermost action or effect under it."""
    frames = []
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("cica.") and not module.startswith("cica.core."):
            frames.append((module, f"{module}.{frame.f_code.co_name}"))
        frame = frame.f_back
    frames.reverse()
    entry = [name for module, name in frames if module.endswith((".views", ".api", "commands"))]
    acting = [name for module, name in frames if module.endswith((".actions", ".effects"))]
    return " > ".join([*entry[:1], *acting[:1]]) or "the test itself"


@contextmanager
def audited_writes(reads: Iterable[str] | None = None) -> Iterator[AuditedWrites]:
    """Watch the writes of the block against the cached reads (all those declared, or
    `reads`)."""
    writes = AuditedWrites(reads)
    with connection.execute_wrapper(writes):
        yield writes
