from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: a Secretariat officer, a member state's delegate, or an observer.

    A delegate represents one state; an observer one observer state or organization.
    """

    # Who a user is, for permissions, is core.roles's to say (is_secretariat, is_delegate...).
    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat officer")
        DELEGATE = "delegate", _("delegate")
        OBSERVER = "observer", _("observer")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # The language of what is sent to the user (e-mail notices): English or Russian, CICA's
    # working languages (RoP Art. 1.9).
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Delegates and observers belong to exactly one state or organization; others to none.
            models.CheckConstraint(
                condition=(
                    Q(role__in=["delegate", "observer"])
                    & (
                        Q(state__isnull=False, organization__isnull=True)
                        | Q(state__isnull=True, organization__isnull=False)
                    )
                )
                | (
                    ~Q(role__in=["delegate", "observer"])
                    & Q(state__isnull=True, organization__isnull=True)
                ),
                name="accounts_user_one_affiliation",
            )
        ]

    @property
    def affiliation(self):
        return self.state or self.organization


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 digest is stored.

    It has a name its owner gives it, expires (CICA_API_TOKEN_DAYS by default, never later than
    CICA_API_TOKEN_MAX_DAYS after it is made) and can be revoked; `last_used_at` is kept to the
    minute, so that reads do not each write.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    # The first characters, so a user can tell their tokens apart without the secret.
    prefix = models.CharField(_("prefix"), max_length=12)
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="accounts_apitoken_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.user})"
