"""The CBM review as a JSON document and as CSV: the same figures as the dashboard."""

from cica.cbm import rules
from cica.core.csvfile import csv_text


def _figures(figures: rules.Figures) -> dict:
    return {
        "planned": figures.planned,
        "planned_held": figures.planned_held,
        "held": figures.held,
        "awaiting": figures.awaiting,
    }


def review_document(review: rules.Review) -> dict:
    quiet = {row.area.pk for row in review.quiet}
    return {
        "from": review.start,
        "to": review.end,
        "total": _figures(review.total),
        "dimensions": [
            {"id": dimension.key, "figures": _figures(figures)}
            for dimension, figures in review.dimensions
        ],
        "areas": [
            {
                "id": row.area.key,
                "dimension": row.dimension.key,
                "figures": _figures(row.figures),
                "coordinators": [s.code for s in row.coordinators],
                "co_coordinators": [s.code for s in row.co_coordinators],
                "last_activity": row.last_activity,
                "without_coordinator": row.without_coordinator,
                "quiet": row.area.pk in quiet,
            }
            for row in review.areas
        ],
        "states": [
            {
                "state": row.state.code,
                "coordinates": [a.key for a in row.coordinates],
                "co_coordinates": [a.key for a in row.co_coordinates],
                "hosted": row.hosted,
                "participated": row.participated,
            }
            for row in review.states
        ],
        "without_coordinator": [row.area.key for row in review.without_coordinator],
        "quiet": [row.area.key for row in review.quiet],
    }


HEADER = [
    "dimension",
    "area",
    "coordinator",
    "co_coordinators",
    "planned",
    "planned_held",
    "held",
    "awaiting_validation",
    "last_activity",
    "without_coordinator",
    "no_activity_in_12_months",
]


def review_csv(review: rules.Review) -> str:
    quiet = {row.area.pk for row in review.quiet}
    rows = [
        [
            row.dimension.key,
            row.area.key,
            " ".join(s.code for s in row.coordinators),
            " ".join(s.code for s in row.co_coordinators),
            row.figures.planned,
            row.figures.planned_held,
            row.figures.held,
            row.figures.awaiting,
            row.last_activity.isoformat() if row.last_activity else "",
            "yes" if row.without_coordinator else "",
            "yes" if row.area.pk in quiet else "",
        ]
        for row in review.areas
    ]
    return csv_text(HEADER, rows)
