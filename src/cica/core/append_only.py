"""The database itself refuses to change or remove audit entries and signed heads.

Triggers reject UPDATE and DELETE (and TRUNCATE on PostgreSQL) on the append-only tables, so
neither a bug nor a stray SQL session can rewrite the record; only someone who drops the
triggers can, and `cica audit verify` then finds the change against the chain and the signed
heads. Only `cica flush`, which empties the whole database on purpose, lifts them for a moment.

On SQLite a migration that rebuilds one of these tables drops its triggers with it: such a
migration must call `install` again (tests/core/test_append_only.py fails otherwise).
"""

from django.db.backends.base.base import BaseDatabaseWrapper

TABLES = ("core_auditentry", "core_signedhead")
MESSAGE = "append-only table"


def _sqlite(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: {table}'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def _postgresql(table: str) -> list[str]:
    return [
        f"CREATE OR REPLACE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION cica_reject_change()",
        f"CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION cica_reject_change()",
    ]


POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION cica_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}: %', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$
"""


def install(connection: BaseDatabaseWrapper) -> None:
    statements = [POSTGRESQL_FUNCTION] if connection.vendor == "postgresql" else []
    for table in TABLES:
        statements += _postgresql(table) if connection.vendor == "postgresql" else _sqlite(table)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "postgresql":
                for suffix in ("no_change", "no_truncate"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix} ON {table}")
            else:
                for verb in ("update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
