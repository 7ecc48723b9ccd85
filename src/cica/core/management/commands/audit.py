import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cica.core import anchors
from cica.core.errors import DomainError
from cica.core.roles import SYSTEM


class Command(BaseCommand):
    help = (
        "The audit log. `verify` walks the hash chain from its start and checks it against the "
        "signed heads (and the copies given with --heads); `anchor` signs the chain's head with "
        "the key in CICA_AUDIT_KEY_FILE; `keygen PATH` makes such a key."
    )

    def add_arguments(self, parser):
        parser.add_argument("operation", choices=["verify", "anchor", "keygen"])
        parser.add_argument("path", nargs="?", help="keygen: where to write the private key")
        parser.add_argument(
            "--heads",
            action="append",
            default=[],
            metavar="FILE",
            help="verify: a kept copy of /api/v1/audit/heads (repeatable)",
        )
        parser.add_argument(
            "--public-key",
            metavar="FILE",
            help="verify: the PEM public key the heads must be signed with "
            "(default: CICA_AUDIT_KEY_FILE's)",
        )

    def handle(self, *args, operation, path, heads, public_key, **options):
        try:
            getattr(self, operation)(path=path, heads=heads, public_key=public_key)
        except DomainError as error:
            raise CommandError(str(error.message)) from error

    def verify(self, *, heads, public_key, **_):
        key = (
            anchors.load_public_key(Path(public_key).read_bytes())
            if public_key
            else anchors.public_key()
        )
        kept = []
        for file in heads:
            try:
                kept += anchors.heads_from_json(json.loads(Path(file).read_text()))
            except (OSError, ValueError) as error:
                raise CommandError(f"--heads {file}: {error}") from error
        report, forged = anchors.verify(key, kept)
        if key is None:
            self.stderr.write(
                "no public key (CICA_AUDIT_KEY_FILE or --public-key): the signed heads are "
                "compared without checking their signatures"
            )
        for head in forged:
            self.stderr.write(
                f"signed head #{head.seq} of {head.at.isoformat()} has a forged signature"
            )
        if not report.ok:
            raise CommandError(
                f"audit chain broken at entry {report.first_bad_seq}: {report.reason}"
            )
        if forged:
            raise CommandError(f"{len(forged)} signed heads are forged")
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {report.entries} entries"))

    def anchor(self, **_):
        head = anchors.anchor(acting_user=SYSTEM)
        self.stdout.write(
            f"signed head #{head.seq} {head.hash} at {head.at.isoformat()} (key {head.key_id})"
        )

    def keygen(self, *, path, **_):
        if not path:
            raise CommandError("keygen needs the PATH of the new private key")
        key = anchors.generate_key(Path(path))
        self.stdout.write(
            f"private key: {path} (keep it outside the database and its backups)\n"
            f"public key:  {path}.pub (id {anchors.key_id(key)})\n"
            f"then set CICA_AUDIT_KEY_FILE={path} and run `cica audit anchor` regularly"
        )
