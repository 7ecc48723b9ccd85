"""Why the registry refuses a request: each reason a code.

The lookups of a state, a body or an organization by its code answer with these when the
input names none (`unknown_state`, ...): an input that names no record is a bad value of its
field (422), while an address that names none is `not_found` (404).
"""

from django.utils.translation import gettext_lazy as _

from cica.core.errors import Conflict, InvalidInput


class UnknownState(InvalidInput):
    code = "unknown_state"
    default_message = _("No state with code %(code)s.")


class UnknownOrganization(InvalidInput):
    code = "unknown_organization"
    default_message = _("No organization with code %(code)s.")


class UnknownBody(InvalidInput):
    code = "unknown_body"
    default_message = _("No such body.")


class StatusAlreadyRecorded(Conflict):
    code = "status_already_recorded"
    default_message = _("The registry already has this status on that date.")
