"""CICA's documents, and the treaty status of its instruments state by state."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cica.core import dates
from cica.core.dates import Precision
from cica.documents import rules
from cica.registry.models import Body, Cited, State

# Every status a document shows: the three recorded, and the two derived (rules.document_status).
STATUS_LABELS = {
    "draft": _("draft"),
    "unconfirmed": _("unconfirmed"),
    "adopted": _("adopted"),
    "in_force": _("in force"),
    "superseded": _("superseded"),
}


class Document(Cited):
    """A document of CICA: founding, basic, treaty, declaration, decision, concept paper, ..."""

    class Type(models.TextChoices):
        FOUNDING = "founding", _("founding document")
        BASIC = "basic", _("basic document")
        TREATY = "treaty", _("treaty")
        POLITICAL_DECLARATION = "political_declaration", _("declaration")
        STATEMENT = "statement", _("statement")
        DECISION = "decision", _("decision")
        CONCEPT_PAPER = "concept_paper", _("concept paper")
        ACTION_PLAN = "action_plan", _("action plan")
        MOU = "mou", _("memorandum of understanding")
        DRAFT = "draft", _("draft")

    class Status(models.TextChoices):
        """What the Secretariat records; "in force" and "superseded" are derived (rules.py)."""

        DRAFT = "draft", _("draft")
        # The sources say it was put forward for adoption, not that it was adopted.
        UNCONFIRMED = "unconfirmed", _("unconfirmed")
        ADOPTED = "adopted", _("adopted")

    key = models.SlugField(_("id"), max_length=80, unique=True)
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    symbol = models.CharField(_("symbol"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=500)
    # The text itself, in English and Russian (modeltranslation: text_en, text_ru).
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ADOPTED
    )
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    # What the body did with it ("adopted", "signed"), as the sources say.
    action = models.TextField(_("action"), blank=True)
    # Amendments the sources mention without a document of their own.
    amendments = models.JSONField(_("amendments"), default=list, blank=True)
    amends = models.ManyToManyField(
        "self", verbose_name=_("amends"), symmetrical=False, blank=True, related_name="amended_by"
    )
    supersedes: "models.ManyToManyField[Document, Any]" = models.ManyToManyField(
        "self",
        verbose_name=_("supersedes"),
        symmetrical=False,
        blank=True,
        related_name="superseded_by",
    )

    class Meta:
        ordering = ["date", "key"]
        # Lists page in this order: the index serves a page without sorting the table.
        indexes = [models.Index(fields=["date", "key"])]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    @property
    def date_text(self) -> str:
        return dates.format_partial_date(self.date, self.date_precision)

    @property
    def status_note(self) -> str:
        """What the sources say of its status (why it is a draft or unconfirmed), if anything."""
        return " ".join(n["text"] for n in self.notes if n.get("kind") == "status")


def counted_acts_default() -> list[str]:
    return list(rules.CONSENTS)


class TreatyParameters(Cited):
    """How a treaty enters into force, and who keeps it (the depositary)."""

    document = models.OneToOneField(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="treaty"
    )
    depositary = models.CharField(_("depositary"), max_length=300, blank=True)
    # Entry into force on the Nth day after this share of the signatories has notified.
    eif_share_numerator = models.PositiveSmallIntegerField(
        _("share (numerator)"), null=True, blank=True
    )
    eif_share_denominator = models.PositiveSmallIntegerField(
        _("share (denominator)"), null=True, blank=True
    )
    eif_days = models.PositiveSmallIntegerField(_("days after"), null=True, blank=True)
    # The kinds of act the clause counts (TreatyAction.Kind), each state once: the Agreement on
    # the Secretariat counts notifications to the depositary (fsou-secr-2).
    eif_acts = models.JSONField(_("acts counted"), default=counted_acts_default, blank=True)
    provisional_application = models.BooleanField(_("applied provisionally"), default=False)
    clauses = models.JSONField(_("clauses"), default=list, blank=True)
    # Computed from the rule and the actions by actions.refresh_entry_into_force, never typed:
    # the last day it can have entered into force (in force for certain from then), and the
    # first, earlier where an act counted is known only to the month or year.
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    entry_into_force_earliest = models.DateField(
        _("entry into force, earliest"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("treaty parameters")
        verbose_name_plural = _("treaty parameters")

    def __str__(self) -> str:
        return f"treaty {self.document.key}"


class TreatyAction(Cited):
    """What a state did with an instrument: signed it, ratified it, acceded, withdrew, ..."""

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("signature")
        RATIFICATION = "ratification", _("ratification")
        ACCEPTANCE = "acceptance", _("acceptance")
        APPROVAL = "approval", _("approval")
        ACCESSION = "accession", _("accession")
        NOTIFICATION = "notification", _("notification to the depositary")
        PROVISIONAL_APPLICATION = "provisional_application", _("provisional application")
        ENTRY_INTO_FORCE = "entry_into_force", _("entry into force")
        RESERVATION = "reservation", _("reservation or declaration")
        WITHDRAWAL = "withdrawal", _("withdrawal")

    class Basis(models.TextChoices):
        REPORTED = "reported", _("reported by a source")
        INFERRED = "inferred", _("inferred")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="actions"
    )
    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="treaty_actions"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    basis = models.CharField(
        _("basis"), max_length=10, choices=Basis.choices, default=Basis.REPORTED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["document", "date", "state__code"]
        verbose_name = _("treaty action")
        verbose_name_plural = _("treaty actions")
        constraints = [
            # As the Secretariat records them (actions.record_treaty_action); the reference data,
            # replaced whole at each reload, is read as its sources give it.
            models.UniqueConstraint(
                fields=["document", "state", "kind", "date"],
                condition=models.Q(from_reference=False),
                name="documents_one_treaty_action_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state.code} {self.kind} {self.document.key}"

    @property
    def date_text(self) -> str:
        return dates.format_partial_date(self.date, self.date_precision)


def _file_path(instance: "DocumentFile", filename: str) -> str:
    # Named by content: the same text uploaded twice is stored once, and names never clash.
    return f"documents/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class DocumentFile(models.Model):
    """An official text of a document (PDF, DOCX or TXT), kept under the data folder."""

    class Language(models.TextChoices):
        EN = "en", _("English")
        RU = "ru", _("Russian")

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(_("file"), upload_to=_file_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("text being extracted")
        EXTRACTED = "extracted", _("text extracted")
        FAILED = "failed", _("text not extracted")

    class TextFailure(models.TextChoices):
        # The codes the extraction's child process answers (core/extraction.py).
        ENCRYPTED = "encrypted", _("the PDF is encrypted; attach it unprotected")
        UNREADABLE = "unreadable", _("the file cannot be read")
        PAGES = "pages", _("the PDF has more pages than the limit")
        MEMORY = "memory", _("reading it needs more memory than the limit")
        TIME = "time", _("reading it takes longer than the limit")

    # The text extracted for search: at once for TXT, by the worker for PDF and DOCX.
    text = models.TextField(_("text"), blank=True)
    text_status = models.CharField(
        _("text"), max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    text_failure = models.CharField(
        _("why the text is missing"), max_length=10, choices=TextFailure.choices, blank=True
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["document", "language", "uploaded_at"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language", "sha256"], name="documents_file_attached_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def extension(self) -> str:
        return "." + self.name.rsplit(".", 1)[-1].lower() if "." in self.name else ""
