"""Who may do what in a decision-making procedure.

Only member states decide: their delegates break silence and object. Observers and the
Secretariat follow and comment. The Chair (the delegates of the chairing state) and the
Secretariat run procedures.
"""

from django.db.models import Exists, OuterRef

from cica.core import clock, roles
from cica.decisions.models import Draft, Procedure
from cica.registry import queries as registry
from cica.registry.permissions import is_member_delegate


def is_chair_delegate(user) -> bool:
    """A delegate of the state that holds the Chairmanship today."""
    if not roles.is_delegate(user):
        return False
    chair = registry.current_chair(clock.today())
    return chair is not None and chair.state_id == user.state_id


def can_follow_procedures(user) -> bool:
    """Drafts and procedures are for the Secretariat, delegates and observers, not the public."""
    return roles.has_role(user)


def hidden_drafts(user, draft_ids) -> set[int]:
    """Of `draft_ids`, the drafts `user` may not see, in one query.

    A member state's draft is its delegation's own until a version of it is circulated (put to
    a procedure): before, only its delegates, the Secretariat and the Chair, who may put it to a
    procedure, see it. The Secretariat's drafts are open to all who follow procedures."""
    if roles.is_secretariat(user) or is_chair_delegate(user):
        return set()
    own_state = user.state_id if roles.is_delegate(user) else None
    circulated = Procedure.objects.filter(version__draft=OuterRef("pk"))
    return set(
        Draft.objects.filter(pk__in=draft_ids, proposer_state__isnull=False)
        .exclude(proposer_state_id=own_state)
        .exclude(Exists(circulated))
        .values_list("pk", flat=True)
    )


def can_see_draft(user, draft) -> bool:
    return can_follow_procedures(user) and draft.pk not in hidden_drafts(user, [draft.pk])


def can_create_draft(user) -> bool:
    return roles.is_secretariat(user) or roles.is_delegate(user)


def can_add_version(user, draft) -> bool:
    """The proposer revises its draft; the Secretariat may revise any."""
    return roles.is_secretariat(user) or roles.speaks_for_state(user, draft.proposer_state_id)


def can_open_procedure(user) -> bool:
    return roles.is_secretariat(user) or is_chair_delegate(user)


def can_extend(user, procedure) -> bool:
    """Extending a deadline is the Chair's act: a delegate of the chairing state, or the
    Secretariat acting for the Chair, which must then name the Chair's instruction (checked by
    actions.extend_deadline)."""
    return is_chair_delegate(user) or roles.is_secretariat(user)


def can_withdraw(user, procedure) -> bool:
    """The opener withdraws: the Secretariat, or the Chair that opened the procedure."""
    if procedure.opened_as == procedure.OpenedAs.SECRETARIAT:
        return roles.is_secretariat(user)
    return roles.speaks_for_state(user, procedure.opened_by.state_id)


def can_decide(user, procedure) -> bool:
    """Breaking silence and objecting: a delegate of a member state eligible in the procedure."""
    return roles.is_delegate(user) and procedure.eligible_states.filter(pk=user.state_id).exists()


def can_comment(user, procedure) -> bool:
    return can_follow_procedures(user)


def can_record_outcome(user, procedure) -> bool:
    return roles.is_secretariat(user) or is_chair_delegate(user)


def can_make_statement(user, decision) -> bool:
    """A member state may attach its interpretation to an adopted decision."""
    return is_member_delegate(user)


def can_record_application(user) -> bool:
    return roles.is_secretariat(user)
