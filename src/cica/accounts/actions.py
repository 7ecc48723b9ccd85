"""State changes of accounts: each checks permission, runs in a transaction and is audited."""

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cica.accounts import rules, tokens
from cica.accounts.errors import InvalidAccount, RecentSecondFactorRequired, TokenRevoked
from cica.accounts.models import ApiToken, User
from cica.accounts.permissions import (
    can_change_account,
    can_issue_api_token,
    can_manage_users,
    can_revoke_api_token,
    needs_two_factor,
)
from cica.core import audit, clock, roles
from cica.core.errors import PermissionDenied
from cica.registry import queries as registry
from cica.registry.models import MembershipStatus, Organization


def _affiliation(role: str, state_code: str | None, organization_code: str | None):
    """The state or organization a delegate or observer represents, checked against its status."""
    if role == User.Role.SECRETARIAT:
        if state_code or organization_code:
            raise InvalidAccount(
                _("A Secretariat officer belongs to no state or organization."), field="role"
            )
        return None, None
    if bool(state_code) == bool(organization_code):
        raise InvalidAccount(
            _("An account with the role %(role)s belongs to exactly one state or organization.")
            % {"role": User.Role(role).label},
            field="state",
        )
    today = clock.today()
    if state_code:
        state = registry.get_state_by_code(state_code, error=InvalidAccount)
        status = registry.status_on(state, today)
        wanted = "member" if role == User.Role.DELEGATE else "observer"
        if status != wanted:
            raise InvalidAccount(
                _("%(state)s is not a %(status)s today, as the role %(role)s requires.")
                % {
                    "state": state.name,
                    "status": MembershipStatus.Status(wanted).label,
                    "role": User.Role(role).label,
                },
                field="state",
            )
        return state, None
    if role == User.Role.DELEGATE:
        raise InvalidAccount(
            _("A delegate represents a member state, not an organization."), field="organization"
        )
    organization = Organization.objects.filter(code__iexact=organization_code).first()
    if organization is None:
        raise InvalidAccount(
            _("No organization with code %(code)s.") % {"code": organization_code},
            field="organization",
        )
    if registry.status_on(organization, today) != "observer":
        raise InvalidAccount(
            _("%(organization)s is not an observer organization today.")
            % {"organization": organization.name},
            field="organization",
        )
    return None, organization


@transaction.atomic
def create_user(
    *,
    acting_user: User | roles.SystemActor,
    username: str,
    role: str,
    state_code: str | None = None,
    organization_code: str | None = None,
    email: str = "",
    password: str | None = None,
    language: str = "en",
) -> User:
    """Create an account; without a password, the account cannot sign in until one is set."""
    if not can_manage_users(acting_user):
        raise PermissionDenied(_("Only the Secretariat manages accounts."))
    _check_language(language)
    if role not in User.Role.values:
        raise InvalidAccount(
            _("Unknown role %(role)s; expected one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(User.Role.values)},
            field="role",
        )
    if User.objects.filter(username=username).exists():
        raise InvalidAccount(
            _("The username %(name)s is taken.") % {"name": username}, field="username"
        )
    state, organization = _affiliation(role, state_code, organization_code)
    user = User(
        username=username,
        email=email,
        role=role,
        state=state,
        organization=organization,
        language=language,
    )
    try:
        user.full_clean(exclude=["password"])
        if password is not None:
            validate_password(password, user)
    except ValidationError as error:
        field = next(iter(getattr(error, "error_dict", {"password": None})))
        raise InvalidAccount(" ".join(error.messages), field=field) from error
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    audit.record(
        actor=acting_user,
        action="accounts.create_user",
        obj=user,
        payload={
            "username": username,
            "role": role,
            "state": state.code if state else None,
            "organization": organization.code if organization else None,
            "language": language,
        },
    )
    return user


def _check_language(language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise InvalidAccount(
            _("Unknown language %(language)s; expected one of: %(languages)s.")
            % {"language": language, "languages": ", ".join(dict(settings.LANGUAGES))},
            field="language",
        )


@transaction.atomic
def set_language(*, acting_user: User | roles.SystemActor, user: User, language: str) -> None:
    """Set the language of what is sent to `user`: the user's own choice, or the Secretariat's."""
    if not can_change_account(acting_user, user):
        raise PermissionDenied(_("You may not change this account."))
    _check_language(language)
    if user.language == language:
        return
    user.language = language
    user.save(update_fields=["language"])
    audit.record(
        actor=acting_user,
        action="accounts.set_language",
        obj=user,
        payload={"language": language},
    )


@transaction.atomic
def set_password(*, acting_user: User | roles.SystemActor, user: User, password: str) -> None:
    if not can_change_account(acting_user, user):
        raise PermissionDenied(_("You may not change this password."))
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InvalidAccount(" ".join(error.messages), field="password") from error
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor=acting_user, action="accounts.set_password", obj=user)


@transaction.atomic
def issue_api_token(
    *,
    acting_user: User | roles.SystemActor,
    user: User,
    name: str,
    days: int | None = None,
    second_factor_at: dt.datetime | None = None,
) -> str:
    """Create a token for `user` and return its secret: shown once, stored only as a digest.

    It lasts `days` (CICA_API_TOKEN_DAYS by default, CICA_API_TOKEN_MAX_DAYS at most). An
    officer or delegate makes one only within ACCOUNT_REAUTHENTICATION_TIMEOUT of a code of
    their authenticator (`second_factor_at`): the token opens the API without a second factor.
    """
    if not can_issue_api_token(acting_user, user):
        raise PermissionDenied(_("You may create API tokens only for your own account."))
    now = clock.now()
    timeout = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
    if (
        not roles.is_system(acting_user)
        and needs_two_factor(acting_user)
        and not rules.is_recent(second_factor_at, now, timeout)
    ):
        raise RecentSecondFactorRequired(minutes=timeout // 60)
    name = name.strip()
    if not name:
        raise InvalidAccount(_("Give the token a name."), field="name")
    limit = ApiToken._meta.get_field("name").max_length
    assert limit is not None, "a CharField has its max_length"
    if len(name) > limit:
        raise InvalidAccount(
            _("A token's name has at most %(count)s characters.") % {"count": limit},
            field="name",
        )
    days = settings.CICA_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= settings.CICA_API_TOKEN_MAX_DAYS:
        raise InvalidAccount(
            _("A token lasts from 1 to %(days)s days.")
            % {"days": settings.CICA_API_TOKEN_MAX_DAYS},
            field="days",
        )
    secret = tokens.new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        digest=tokens.digest(secret),
        prefix=secret[: len(tokens.TOKEN_PREFIX) + 4],
        created_at=now,
        expires_at=rules.token_expiry(now, days),
    )
    audit.record(
        actor=acting_user,
        action="accounts.issue_api_token",
        obj=token,
        payload={
            "user": user.username,
            "name": name,
            "expires_at": token.expires_at,
        },
    )
    return secret


@transaction.atomic
def revoke_api_token(*, acting_user: User | roles.SystemActor, token: ApiToken) -> ApiToken:
    """Revoke a token at once: the API refuses it from the next request (401)."""
    if not can_revoke_api_token(acting_user, token):
        raise PermissionDenied(_("You may not revoke this token."))
    # The row locked: two revocations at once make one change and one audit entry.
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    if token.revoked_at is not None:
        raise TokenRevoked(field="token")
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    audit.record(
        actor=acting_user,
        action="accounts.revoke_api_token",
        obj=token,
        payload={"user": token.user.username, "name": token.name},
    )
    return token


def random_password() -> str:
    return secrets.token_urlsafe(15)
