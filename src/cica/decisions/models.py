"""How CICA decides: drafts and their immutable versions, procedures, and adopted decisions.

A procedure's status is never stored: it is derived from the stored times (rules.py), so a read
one millisecond after a silence deadline already says "adopted".
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cica.core.dates import Precision
from cica.registry.models import Body, Cited, State

USER = settings.AUTH_USER_MODEL


class Draft(models.Model):
    """A text proposed for decision; its kind says what it does to the registry when adopted."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("statement (no effect on the registry)")
        ADMIT_MEMBER = "admit_member", _("admission of a member state")
        APPROVE_ADMISSION = "approve_admission", _("approval of a draft decision on admission")
        GRANT_OBSERVER = "grant_observer", _("grant of observer status")
        PREAPPROVE_OBSERVER = (
            "preapprove_observer",
            _("pre-approval of an application for observer status"),
        )
        APPROVE_CHAIRMANSHIP = "approve_chairmanship", _("approval of a chairmanship term")
        APPOINT_HEAD = "appoint_head", _("appointment of the head of the Secretariat")
        RENAME_BODY = "rename_body", _("renaming of a body")
        ADOPT_DOCUMENT = "adopt_document", _("adoption of a document")
        ASSIGN_COORDINATOR = "assign_coordinator", _("assignment of a CBM coordinator")

    class Proposer(models.TextChoices):
        CHAIRMANSHIP = "chairmanship", _("the Chairmanship")
        SECRETARIAT = "secretariat", _("the Secretariat")
        MEMBER_STATE = "member_state", _("a member state")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    effect = models.JSONField(_("effect"), default=dict, blank=True)
    proposer = models.CharField(_("proposer"), max_length=20, choices=Proposer.choices)
    proposer_state = models.ForeignKey(
        State,
        verbose_name=_("proposing state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self) -> str:
        return f"draft {self.pk}"


class Version(models.Model):
    """One immutable text of a draft, in English and Russian, with the hash of its content."""

    draft = models.ForeignKey(
        Draft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)
    text_en = models.TextField(_("English text"), blank=True)
    # Empty while the Russian translation is pending.
    text_ru = models.TextField(_("Russian text"), blank=True)
    hash = models.CharField(_("SHA-256"), max_length=64)
    created_by = models.ForeignKey(
        USER, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["draft", "number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="decisions_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class Procedure(models.Model):
    """A version put to decision: in writing by silence procedure, or at a meeting."""

    class Kind(models.TextChoices):
        SILENCE = "silence", _("silence procedure")
        MEETING = "meeting", _("consensus at a meeting")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        BROKEN = "broken", _("silence broken")
        ADOPTED = "adopted", _("adopted")
        NOT_ADOPTED = "not_adopted", _("not adopted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("adopted by consensus")
        NOT_ADOPTED = "not_adopted", _("not adopted")

    class OpenedAs(models.TextChoices):
        SECRETARIAT = "secretariat", _("the Secretariat")
        CHAIR = "chair", _("the Chair")

    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="procedures"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="procedures"
    )
    opened_by = models.ForeignKey(
        USER, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_as = models.CharField(_("opened as"), max_length=20, choices=OpenedAs.choices)
    opened_at = models.DateTimeField(_("opened"))
    # Silence procedure: adopted at this instant unless silence is broken before it (UTC).
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    # The member states on the opening date: only they may break silence or object.
    eligible_states = models.ManyToManyField(
        State, verbose_name=_("eligible states"), related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        USER,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Meeting: the outcome the chair records, with the delegations present.
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    present_states: "models.ManyToManyField[State, Any]" = models.ManyToManyField(
        State, verbose_name=_("states present"), related_name="+", blank=True
    )

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="meeting") | Q(deadline__isnull=False),
                name="decisions_silence_has_deadline",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class Receipted(models.Model):
    """An act a delegation can prove: when the server recorded it and its entry in the record."""

    at = models.DateTimeField(_("recorded"))
    receipt_seq = models.PositiveBigIntegerField(_("record entry"), null=True, blank=True)
    receipt_hash = models.CharField(_("record hash"), max_length=64, blank=True)

    class Meta:
        abstract = True


class SilenceBreak(Receipted):
    """The one break that ends a silence procedure."""

    procedure = models.OneToOneField(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.CASCADE,
        related_name="silence_break",
    )
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT)
    user = models.ForeignKey(USER, verbose_name=_("delegate"), on_delete=models.PROTECT)
    reason = models.TextField(_("reason"))
    proposed_wording = models.TextField(_("proposed wording"), blank=True)

    class Meta:
        verbose_name = _("silence break")
        verbose_name_plural = _("silence breaks")

    def __str__(self) -> str:
        return f"{self.state.code} broke silence on procedure {self.procedure_id}"


class Objection(Receipted):
    """A member state's objection to a version put to a meeting."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="objections"
    )
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT)
    user = models.ForeignKey(USER, verbose_name=_("recorded by"), on_delete=models.PROTECT)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "state"], name="decisions_one_objection_per_state"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state.code} objects to procedure {self.procedure_id}"


class Comment(Receipted):
    """A remark on a procedure; it does not block anything."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="comments"
    )
    user = models.ForeignKey(USER, verbose_name=_("author"), on_delete=models.PROTECT)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"comment {self.pk} on procedure {self.procedure_id}"


class Extension(models.Model):
    """A silence deadline moved later, never earlier: the Chair's act.

    The Secretariat extends only for the Chair, and then keeps the Chair's instruction.
    """

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("procedure"), on_delete=models.CASCADE, related_name="extensions"
    )
    previous_deadline = models.DateTimeField(_("previous deadline"))
    new_deadline = models.DateTimeField(_("new deadline"))
    user = models.ForeignKey(USER, verbose_name=_("extended by"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("recorded"))
    # The state that held the Chairmanship when the deadline was extended.
    chair_state = models.ForeignKey(
        State,
        verbose_name=_("chairing state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acting_for_chair = models.BooleanField(_("the Secretariat acting for the Chair"), default=False)
    chair_instruction = models.TextField(_("the Chair's instruction"), blank=True)

    class Meta:
        ordering = ["at"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(new_deadline__gt=models.F("previous_deadline")),
                name="decisions_extension_is_later",
            ),
            models.CheckConstraint(
                condition=Q(acting_for_chair=False) | ~Q(chair_instruction=""),
                name="decisions_extension_for_the_chair_names_the_instruction",
            ),
        ]

    def __str__(self) -> str:
        return f"procedure {self.procedure_id} extended to {self.new_deadline}"


class Decision(Cited):
    """An adopted decision: numbered when adopted, with the registry change it caused.

    Historical decisions come from the reference data: dated as precisely as their sources, with
    no procedure, version or symbol.
    """

    class EffectStatus(models.TextChoices):
        NONE = "none", _("no effect")
        APPLIED = "applied", _("applied to the registry")
        NOT_APPLICABLE = "not_applicable", _("not applicable when adopted")

    procedure = models.OneToOneField(
        Procedure,
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    version = models.ForeignKey(
        Version,
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    symbol = models.CharField(_("symbol"), max_length=60, unique=True, null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    title = models.TextField(_("title"))
    # Blank for historical decisions, whose kind the sources do not state.
    kind = models.CharField(_("kind"), max_length=30, choices=Draft.Kind.choices, blank=True)
    effect = models.JSONField(_("effect"), default=dict, blank=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_on = models.DateField(_("date of adoption"))
    adopted_on_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    how = models.CharField(_("how"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    historical = models.BooleanField(_("historical"), default=False)
    effect_status = models.CharField(
        _("effect"), max_length=20, choices=EffectStatus.choices, default=EffectStatus.NONE
    )
    effect_note = models.TextField(_("effect note"), blank=True)
    # The record the effect created, in the app that owns it (core.effects): a status, a
    # chairmanship term, a body's name, a holder of a post, a coordination term, named by its
    # model ("registry.membershipstatus") and id. The registry shows the decision behind its
    # records through it (registry.models.DecisionOfRecord).
    effect_record_type = models.CharField(_("type of the record made"), max_length=100, blank=True)
    effect_record_id = models.PositiveBigIntegerField(_("record made"), null=True, blank=True)

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            # A draft is adopted once (actions._open), so each version at most once.
            models.UniqueConstraint(fields=["version"], name="decisions_one_decision_per_version"),
            # A record is made by one decision at most.
            models.UniqueConstraint(
                fields=["effect_record_type", "effect_record_id"],
                name="decisions_one_decision_per_effect_record",
            ),
        ]

    def __str__(self) -> str:
        return self.symbol or self.title[:60]

    @property
    def effect_record(self) -> models.Model | None:
        """The record the decision's effect created, if any."""
        if not self.effect_record_type or self.effect_record_id is None:
            return None
        model = apps.get_model(self.effect_record_type)
        return model.objects.filter(pk=self.effect_record_id).first()

    @effect_record.setter
    def effect_record(self, record: models.Model | None) -> None:
        self.effect_record_type = record._meta.label_lower if record is not None else ""
        self.effect_record_id = record.pk if record is not None else None


class InterpretativeStatement(Receipted):
    """A member state's reading of an adopted decision; it blocks nothing."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="statements"
    )
    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.PROTECT)
    user = models.ForeignKey(USER, verbose_name=_("delegate"), on_delete=models.PROTECT)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["at"]
        verbose_name = _("interpretative statement")
        verbose_name_plural = _("interpretative statements")

    def __str__(self) -> str:
        return f"{self.state.code} on {self.decision}"
