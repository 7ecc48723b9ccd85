"""Backups: one archive holding a consistent snapshot of the database and the attached files.

`cica backup PATH` writes a tar archive while the server runs:
- `database.sqlite3`, copied by SQLite's online backup API (one read transaction: a consistent
  snapshot, while writers go on in WAL mode), or `database.pgdump`, PostgreSQL's `pg_dump`;
- `media/`, the official texts and reports attached to records (never changed once stored);
- `manifest.json`: the format, the database's vendor, the audit chain's head, the SHA-256 of each
  member.

`cica restore PATH` checks the archive before it touches anything, then replaces the database in
one step (SQLite's backup API into the live file; `pg_restore --single-transaction`) and the files,
and appends the restore to the audit chain. A refused or failed restore leaves the data as it was.
"""

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.backends.sqlite3._functions import register as register_django_functions
from django.utils.translation import gettext as _

from cica.core import audit, clock, roles
from cica.core.errors import ConsoleOnly, InvalidInput
from cica.core.models import AuditEntry

FORMAT = "cica-backup/1"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    vendor: str
    created: str
    head_seq: int
    head_hash: str
    members: dict[str, str]

    @property
    def database_member(self) -> str:
        return "database.sqlite3" if self.vendor == "sqlite" else "database.pgdump"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise InvalidInput(
            _("%(tool)s is not installed (Debian: postgresql-client).") % {"tool": name}
        )
    return found


def _pg_command(tool: str) -> tuple[list[str], dict]:
    """The tool's connection options for the database Django uses, password in the environment."""
    params = connection.settings_dict
    command = [_pg_tool(tool), "--no-password", "--dbname", params["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            command += [option, str(params[key])]
    environment = {**os.environ, "PGPASSWORD": params.get("PASSWORD") or ""}
    return command, environment


def _run(command: list[str], environment: dict) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise InvalidInput(
            _("%(tool)s failed: %(error)s")
            % {"tool": Path(command[0]).name, "error": result.stderr.strip()[-2000:]}
        )


def sqlite_integrity(path: Path) -> str:
    """SQLite's integrity and foreign-key checks of a database file, by a plain connection (which
    first recovers the write-ahead log a crash left): "ok", or what they found."""
    database = sqlite3.connect(path, timeout=20)
    try:
        # The check evaluates CHECK constraints, which call Django's SQL functions (REGEXP).
        register_django_functions(database)
        rows = database.execute("PRAGMA integrity_check").fetchall()
        broken_keys = database.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        database.close()
    verdict = "; ".join(str(row[0]) for row in rows)
    return f"{verdict}; {len(broken_keys)} broken foreign keys" if broken_keys else verdict


def _snapshot_database(target: Path) -> tuple[int, str]:
    """Copy the database to `target`; answer the audit head of the copy."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        if (verdict := sqlite_integrity(target)) != "ok":
            raise InvalidInput(
                _("The database failed its integrity check: %(verdict)s") % {"verdict": verdict}
            )
        return _head_of(target)
    if connection.vendor == "postgresql":
        # pg_dump reads the snapshot this transaction exports: the head read here is the dump's.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            head = _live_head()
            command, environment = _pg_command("pg_dump")
            _run(
                [*command, "--format=custom", f"--snapshot={snapshot}", "--file", str(target)],
                environment,
            )
        return head
    raise InvalidInput(_("Backups support SQLite and PostgreSQL."))


def create(path: Path, *, acting_user) -> Manifest:
    """Write a backup archive to `path`. Only the operator at the server's console backs up."""
    if not roles.is_system(acting_user):
        raise ConsoleOnly(_("Only the operator at the server's console takes backups."))
    path = Path(path)
    if path.exists():
        raise InvalidInput(
            _("%(path)s exists: a backup never overwrites a file.") % {"path": path}, field="path"
        )
    if not path.parent.is_dir():
        raise InvalidInput(_("No folder %(path)s.") % {"path": path.parent}, field="path")
    vendor = connection.vendor
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".cica-backup-") as folder:
        work = Path(folder)
        database = work / ("database.sqlite3" if vendor == "sqlite" else "database.pgdump")
        head = _snapshot_database(database)
        members = {database.name: _sha256(database)}
        media = Path(settings.MEDIA_ROOT)
        files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
        for file in files:
            members[f"media/{file.relative_to(media).as_posix()}"] = _sha256(file)
        manifest = Manifest(
            vendor=vendor,
            created=clock.now().isoformat(),
            head_seq=head[0],
            head_hash=head[1],
            members=members,
        )
        (work / MANIFEST).write_text(json.dumps({"format": FORMAT, **manifest.__dict__}, indent=2))
        partial = work / "archive.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(work / MANIFEST, MANIFEST)
            archive.add(database, database.name)
            for file in files:
                archive.add(file, f"media/{file.relative_to(media).as_posix()}")
        # Renamed into place only when whole: a crash leaves no half archive under PATH.
        os.replace(partial, path)
    return manifest


def _head_of(sqlite_file: Path) -> tuple[int, str]:
    with sqlite3.connect(sqlite_file) as copy:
        row = copy.execute(
            f"SELECT seq, hash FROM {AuditEntry._meta.db_table} ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    copy.close()
    return row or (0, audit.GENESIS_HASH)


def _live_head() -> tuple[int, str]:
    head = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    return head or (0, audit.GENESIS_HASH)


def read_manifest(path: Path, into: Path) -> Manifest:
    """Unpack the archive into `into` and check it whole: format, vendor, every checksum."""
    try:
        with tarfile.open(path) as archive:
            archive.extractall(into, filter="data")
        document = json.loads((into / MANIFEST).read_text())
        if document.pop("format", None) != FORMAT:
            raise ValueError(_("not a CICA backup"))
        manifest = Manifest(**document)
    except (OSError, tarfile.TarError, ValueError, TypeError) as error:
        raise InvalidInput(
            _("%(path)s is not a CICA backup: %(error)s") % {"path": path, "error": error},
            field="path",
        ) from error
    for member, digest in manifest.members.items():
        file = into / member
        if not file.is_file() or _sha256(file) != digest:
            raise InvalidInput(
                _("%(path)s is damaged: %(member)s does not match its checksum.")
                % {"path": path, "member": member},
                field="path",
            )
    if manifest.vendor != connection.vendor:
        raise InvalidInput(
            _("The backup is of a %(backup)s database; this server uses %(server)s.")
            % {"backup": manifest.vendor, "server": connection.vendor},
            field="path",
        )
    return manifest


def _restore_database(manifest: Manifest, database: Path) -> None:
    if manifest.vendor == "sqlite":
        # Django's own connection must not hold the file while it is replaced.
        connections.close_all()
        target = sqlite3.connect(connection.settings_dict["NAME"], timeout=60)
        try:
            with sqlite3.connect(database) as source:
                source.backup(target)
            source.close()
        finally:
            target.close()
    else:
        command, environment = _pg_command("pg_restore")
        _run(
            [
                *command,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                str(database),
            ],
            environment,
        )
        connections.close_all()


def _replace_media(unpacked: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    fresh = unpacked / "media"
    fresh.mkdir(exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=media.parent, prefix=".cica-media-"))
    shutil.copytree(fresh, staged, dirs_exist_ok=True)
    old = media.with_name(f".{media.name}-replaced")
    if media.exists():
        os.replace(media, old)
    os.replace(staged, media)
    shutil.rmtree(old, ignore_errors=True)


def restore(path: Path, *, acting_user) -> Manifest:
    """Bring back the database and files of the archive at `path`, and record the restore."""
    if not roles.is_system(acting_user):
        raise ConsoleOnly(_("Only the operator at the server's console restores backups."))
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="cica-restore-") as folder:
        work = Path(folder)
        manifest = read_manifest(path, work)
        _restore_database(manifest, work / manifest.database_member)
        _replace_media(work)
    with transaction.atomic():
        audit.record(
            actor=acting_user,
            action="core.restore",
            payload={
                "archive_sha256": _sha256(path),
                "created": manifest.created,
                "head_seq": manifest.head_seq,
                "head_hash": manifest.head_hash,
            },
        )
    return manifest
