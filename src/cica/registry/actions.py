"""State changes of the registry: each checks permission, runs in a transaction and is audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from cica.core import audit, clock, limits
from cica.core.errors import InvalidInput, SecretariatOnly
from cica.registry.models import State
from cica.registry.permissions import can_rename_state


@transaction.atomic
def rename_state(*, acting_user, state: State, name_en: str, name_ru: str) -> State:
    """Set a state's protocol names; reloading the reference data keeps them from now on."""
    if not can_rename_state(acting_user, state):
        raise SecretariatOnly(_("Only the Secretariat edits the names of states."))
    names = {"name_en": name_en.strip(), "name_ru": name_ru.strip()}
    for field, value in names.items():
        if not value:
            raise InvalidInput(_("A name cannot be empty."), field=field)
        limits.check(value, limits.NAME, field=field)
    # Under the row's lock, "before" is the names this change replaces, however many at once.
    state = State.objects.select_for_update().get(pk=state.pk)
    before = {"name_en": state.name_en, "name_ru": state.name_ru}
    state.name_en, state.name_ru = names["name_en"], names["name_ru"]
    state.names_edited_at = clock.now()
    state.save(update_fields=["name", "name_en", "name_ru", "names_edited_at"])
    audit.record(
        actor=acting_user,
        action="registry.rename_state",
        obj=state,
        payload={"code": state.code, "before": before, "after": names},
    )
    return state
