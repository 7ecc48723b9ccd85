"""What the audit record (decisions.redaction) withholds of the CBM activities and their files."""

from cica.cbm.models import Activity, ActivityFile
from cica.cbm.permissions import concerned_activities_condition, visible_activities_condition
from cica.decisions.redaction import LegacyPrivacy, withhold_hidden, withhold_legacy_private


def _invisible(reader):
    return Activity.objects.exclude(visible_activities_condition(reader))


def hidden_activities(reader, ids: set[int]) -> set[int]:
    """Of the activities `ids`, those `reader` may not see now (returned to other states)."""
    return set(_invisible(reader).filter(pk__in=ids).values_list("pk", flat=True))


def hidden_files(reader, ids: set[int]) -> set[int]:
    """Of the files `ids`, those of an activity `reader` may not see now."""
    return set(
        ActivityFile.objects.filter(pk__in=ids, activity__in=_invisible(reader)).values_list(
            "pk", flat=True
        )
    )


def was_private(entry) -> bool:
    """Written, before audiences were named, while the activity was returned: the return of an
    activity, and a correction by the Secretariat that left it returned, were its states'."""
    return entry.action == "cbm.return_activity" or entry.payload.get("status") == "returned"


def concerned_activities(reader, ids: set[int]) -> set[int]:
    """Of the activities `ids`, those whose states `reader` speaks for."""
    return set(
        Activity.objects.filter(pk__in=ids)
        .filter(concerned_activities_condition(reader))
        .values_list("pk", flat=True)
    )


def install() -> None:
    """Hand these to the audit record's redaction (CbmConfig.ready)."""
    withhold_hidden("cbm.activity", hidden_activities)
    withhold_hidden("cbm.activityfile", hidden_files)
    withhold_legacy_private(
        "cbm.activity", LegacyPrivacy(was_private=was_private, concerned=concerned_activities)
    )
