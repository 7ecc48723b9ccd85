"""Who acts: the one vocabulary every app's permissions are built on.

A user is asked, never trusted: `None`, an anonymous visitor and an inactive account are "no"
to every predicate. The system (the operator at the server's console, the reference loader, the
worker) acts as SYSTEM, never as `None`, so that "no user" can only mean "refused".

core comes before accounts, which keeps the User model and its Role choices: the predicates
compare the role's value (accounts.models.User.Role) and read attributes, so that any user
object, AnonymousUser, SYSTEM or None can be asked.
"""

# The values of accounts.models.User.Role (a test checks that they agree).
SECRETARIAT = "secretariat"
DELEGATE = "delegate"
OBSERVER = "observer"
ROLES = (SECRETARIAT, DELEGATE, OBSERVER)


class SystemActor:
    """The system acting on its own, with no account: the operator at the server's console,
    the reference loader, the worker at a deadline. The audit log records it as "system".

    It is authenticated (it is known who acts) and active, but holds no role and speaks for no
    state: a permission admits it only by saying so (`is_system`).
    """

    is_system = True
    username = "system"
    pk = id = None
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    role = ""
    state = state_id = None
    organization = organization_id = None

    def __repr__(self) -> str:
        return "SYSTEM"

    def __str__(self) -> str:
        return self.username


SYSTEM = SystemActor()


def is_system(actor) -> bool:
    return actor is SYSTEM


def is_person(user) -> bool:
    """A signed-in, active account: not None, not an anonymous visitor, not the system."""
    return (
        user is not None
        and not is_system(user)
        and getattr(user, "is_authenticated", False) is True
        and getattr(user, "is_active", False) is True
    )


def is_actor(actor) -> bool:
    """Someone who may act at all: a signed-in, active person, or the system."""
    return is_system(actor) or is_person(actor)


def is_secretariat(user) -> bool:
    """A Secretariat officer; an administrator has the Secretariat's powers."""
    return is_person(user) and (user.role == SECRETARIAT or user.is_superuser is True)


def is_secretariat_or_system(user) -> bool:
    """Who keeps the record: the Secretariat, or the system (the console, the loader, the
    worker applying what a body adopted)."""
    return is_system(user) or is_secretariat(user)


def is_delegate(user) -> bool:
    """A delegate: speaks for one state (a member state when the account was made; whether it
    is one today is the registry's to say, registry.permissions.is_member_delegate)."""
    return is_person(user) and user.role == DELEGATE and user.state_id is not None


def is_observer(user) -> bool:
    """An observer: follows for an observer state or organization; decides nothing."""
    return is_person(user) and user.role == OBSERVER


def has_role(user) -> bool:
    """A person the Secretariat gave a role (an account may exist without one) or an
    administrator."""
    return is_secretariat(user) or is_delegate(user) or is_observer(user)


def speaks_for_state(user, state_id: int | None) -> bool:
    """A delegate of the state `state_id`."""
    return state_id is not None and is_delegate(user) and user.state_id == state_id


def delegate_state_id(user) -> int | None:
    """The state a delegate speaks for; None for anyone else."""
    return user.state_id if is_delegate(user) else None


def account_of(actor):
    """The account to store as who acted: the user (even one deactivated since), or None for
    the system and the anonymous visitor, which have none."""
    if actor is None or is_system(actor) or getattr(actor, "is_authenticated", False) is not True:
        return None
    return actor
