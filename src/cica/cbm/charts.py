"""The review's chart as SVG, served as an image beside the table of the same figures."""

import io

import matplotlib
from matplotlib.figure import Figure

from cica.cbm import rules


def review_svg(review: rules.Review, *, title: str, labels: dict[str, str]) -> bytes:
    """Planned, held and awaiting activities per dimension; the labels come translated."""
    figure = Figure(figsize=(8, 3.5), layout="constrained")
    axes = figure.add_subplot()
    names = [str(dimension.name) for dimension, _figures in review.dimensions]
    positions = list(range(len(names)))
    width = 0.27
    series = [
        ("planned", "#b7c9d9", -width),
        ("held", "#0a4f8a", 0.0),
        ("awaiting", "#e0a526", width),
    ]
    for key, color, offset in series:
        values = [getattr(figures, key) for _dimension, figures in review.dimensions]
        axes.bar([p + offset for p in positions], values, width, color=color, label=labels[key])
    axes.set_xticks(positions, [name.split(" ")[0] for name in names])
    axes.set_title(title)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.legend(loc="upper right", frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    out = io.BytesIO()
    # Text stays text in the SVG: smaller, and readable by assistive technology.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
