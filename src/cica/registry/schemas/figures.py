"""The key figures on a date."""

from ninja import Schema


class FiguresOut(Schema):
    """Counts are the highest each can be on the date; `ranges` gives each as "low-high" (or
    one number when exact) and `approximate` says whether any figure is uncertain that day."""

    as_of: str
    members: int
    observer_states: int
    observer_organizations: int
    ranges: dict[str, str]
    chair: str | None
    chair_approximate: bool
    head_of_secretariat: str | None
    head_of_secretariat_approximate: bool
    approximate: bool
