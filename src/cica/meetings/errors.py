"""Why the record of meetings refuses a request: each reason a code."""

from django.utils.translation import gettext_lazy as _

from cica.core.errors import Conflict


class MeetingCancelled(Conflict):
    code = "meeting_cancelled"
    default_message = _("A cancelled meeting is kept as it was.")


class MeetingNotPlanned(Conflict):
    code = "meeting_not_planned"
    default_message = _("Only a planned meeting can be cancelled.")
