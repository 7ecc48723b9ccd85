"""Participation statistics from the delegations recorded, and their chart as SVG."""

import io
from collections import Counter

import matplotlib
from matplotlib.figure import Figure

from cica.meetings.models import Delegation, Meeting


def participation(body_key: str) -> list[dict]:
    """Per held meeting of the body: how many state and organization delegations took part."""
    meetings = list(
        Meeting.objects.filter(body__key=body_key, status=Meeting.Status.HELD)
        .prefetch_related("delegations")
        .order_by("start_date")
    )
    return [
        {
            "meeting": meeting,
            "states": sum(1 for d in meeting.delegations.all() if d.state_id),
            "organizations": sum(1 for d in meeting.delegations.all() if d.organization_id),
        }
        for meeting in meetings
    ]


def levels_by_state() -> list[dict]:
    """For each state, how often its delegation came at each level."""
    counts: dict[str, Counter] = {}
    names = {}
    for delegation in Delegation.objects.filter(state__isnull=False).select_related("state"):
        counts.setdefault(delegation.state.code, Counter())[delegation.level] += 1
        names[delegation.state.code] = delegation.state
    return [
        {
            "state": names[code],
            "levels": [counts[code][level] for level in Delegation.Level],
            "total": sum(counts[code].values()),
        }
        for code in sorted(counts, key=lambda code: names[code].name)
    ]


def participation_svg(
    rows: list[dict], *, title: str, states: str, organizations: str, delegations: str
) -> bytes:
    """A bar chart of delegations per meeting; the page shows the same figures as a table.

    The labels come translated from the view.
    """
    figure = Figure(figsize=(8, 3.5), layout="constrained")
    axes = figure.add_subplot()
    labels = [str(row["meeting"].start_date.year) for row in rows]
    positions = range(len(rows))
    axes.bar(positions, [row["states"] for row in rows], color="#0a4f8a", label=states)
    axes.bar(
        positions,
        [row["organizations"] for row in rows],
        bottom=[row["states"] for row in rows],
        color="#7fa7c9",
        label=organizations,
    )
    axes.set_xticks(list(positions), labels)
    axes.set_title(title)
    axes.set_ylabel(delegations)
    axes.legend(loc="upper left", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    out = io.BytesIO()
    # Text stays text in the SVG: smaller, and readable by assistive technology.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
