"""Why the documents register refuses a request: each reason a code."""

from django.utils.translation import gettext_lazy as _

from cica.core.errors import Conflict, InvalidInput


class DocumentExists(Conflict):
    code = "document_exists"
    default_message = _("A document with this id exists.")


class TreatyActionRecorded(Conflict):
    code = "treaty_action_already_recorded"
    default_message = _("This action is already recorded.")


class NotATreaty(InvalidInput):
    code = "not_a_treaty"
    default_message = _("Treaty actions are recorded on founding documents and treaties.")
