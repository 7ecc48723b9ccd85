from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One link of the hash-chained audit log: each entry's hash covers the previous entry's hash.

    Entries are only ever appended, through `cica.core.audit.record`.
    """

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The actor's username at the time, so the record reads the same after a rename.
    actor_label = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=100)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=100, blank=True)
    payload = models.JSONField(_("details"), default=dict)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    # Not columns: what a reader may see of an entry, set on the entries read for them by
    # decisions.redaction.redact (the parts withheld, and the actor as shown).
    withheld: list[str]
    redacted: bool
    actor_shown: str
    actor_role: str
    actor_party: Any

    class Meta:
        ordering = ["seq"]
        # The newest entry about a type of object: cica.core.cache keys on it.
        indexes = [models.Index(fields=["object_type", "seq"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class SignedHead(models.Model):
    """The head of the audit chain (its sequence number and hash) at a moment, signed with the
    Secretariat's Ed25519 key, which is kept outside the database (`cica audit anchor`).

    Heads are published on the portal: whoever keeps a copy can prove that the record they were
    shown was not rewritten afterwards, even by someone who rewrites the whole table.
    """

    seq = models.PositiveBigIntegerField(_("sequence"))
    hash = models.CharField(_("hash"), max_length=64)
    at = models.DateTimeField(_("time"))
    # The first 16 hex digits of the SHA-256 of the raw public key that signed.
    key_id = models.CharField(_("key"), max_length=16)
    signature = models.CharField(_("signature"), max_length=128)

    class Meta:
        ordering = ["seq", "at"]
        indexes = [models.Index(fields=["seq"])]
        verbose_name = _("signed head")
        verbose_name_plural = _("signed heads")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}… signed {self.at:%Y-%m-%d %H:%M}"


class RefusalCount(models.Model):
    """The refusals alike of one account (one method, route and reason) since the last one that
    went into the audit chain: only the first of a window is chained (cica.core.denials), so
    that no client grows the chain without bound; those that follow it are counted here, and
    the next one chained says how many there were."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    # SHA-256 of the method, route and reason.
    kind = models.CharField(_("kind"), max_length=64)
    opened_at = models.DateTimeField(_("window opened"))
    repeats = models.PositiveIntegerField(_("refusals counted"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="core_refusal_count_one_per_kind")
        ]
        verbose_name = _("count of refusals")
        verbose_name_plural = _("counts of refusals")

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind[:12]}… {self.repeats} since {self.opened_at}"


class KeptRead(models.Model):
    """A costly derived read (the CBM review, the calendar feed, the home page's figures) as last
    built, with the version of the record it was built from (cica.core.kept). In the database,
    so every worker and machine shares it and a restart keeps it."""

    # The read's name, a hash of its arguments, the language and the time zone.
    key = models.CharField(_("key"), max_length=200, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    # The module that declares the read, imported by the worker that rebuilds it.
    module = models.CharField(_("module"), max_length=200)
    arguments = models.BinaryField(_("arguments"))
    language = models.CharField(_("language"), max_length=10)
    time_zone = models.CharField(_("time zone"), max_length=64)
    version = models.CharField(_("version"), max_length=200)
    release = models.CharField(_("release"), max_length=32)
    value = models.BinaryField(_("value"))
    built_at = models.DateTimeField(_("built at"))
    # How long it took: a read quicker than CICA_KEPT_INLINE_MS is rebuilt on its reader's request.
    build_ms = models.PositiveIntegerField(_("build time (ms)"))

    class Meta:
        verbose_name = _("kept read")
        verbose_name_plural = _("kept reads")

    def __str__(self) -> str:
        return f"{self.name} ({self.language}, {self.time_zone}), {self.built_at:%Y-%m-%d %H:%M}"
