"""Answers from the competence table: the bodies competent for a kind on a date, the check the
actions make, the precedents, and the whole table as plain data."""

import datetime as dt

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cica.decisions import errors
from cica.decisions.competence.records import ACTS, Condition, Precedent, Rule, Step
from cica.decisions.competence.rows import PRECEDENTS, RULES
from cica.decisions.models import Draft
from cica.registry import queries as registry

Kind = Draft.Kind


def rules_in_force(on: dt.date) -> list[Rule]:
    return [rule for rule in RULES if rule.in_force(on)]


def competent_bodies(kind: str, on: dt.date) -> list[str]:
    """The bodies that may adopt a decision of `kind` on `on`, in the table's order."""
    bodies: dict[str, None] = {}
    for rule in rules_in_force(on):
        if rule.kind == kind:
            bodies.update(dict.fromkeys(rule.bodies))
    return list(bodies)


def body_name(key: str, on: dt.date) -> str:
    """A body's name on a date, in the language of the request (its id if it has none)."""
    body = registry.get_body_on(key, on)
    if body is None:
        return key
    russian = (translation.get_language() or "").startswith("ru")
    return (body.name_ru_on_date if russian else None) or body.name_en_on_date or key


def check_competence(kind: str, body: str, on: dt.date) -> None:
    """NotCompetent naming `body` unless the body may adopt a decision of `kind` on `on`."""
    bodies = competent_bodies(kind, on)
    if body in bodies:
        return
    label = Kind(kind).label
    if not bodies:
        raise errors.NotCompetent(field="body", kind=label, date=on.isoformat())
    raise errors.NotCompetent(
        _(
            "%(body)s may not adopt a decision of this kind (%(kind)s). On %(date)s it is for: "
            "%(bodies)s."
        )
        % {
            "body": body_name(body, on),
            "kind": label,
            "date": on.isoformat(),
            "bodies": "; ".join(body_name(key, on) for key in bodies),
        },
        field="body",
    )


def precedents_for(kind: str, state: str) -> list[Precedent]:
    return [p for p in PRECEDENTS if p.kind == kind and p.state == state]


def source_ids() -> set[str]:
    """Every source the table cites, to check against the reference data."""
    ids: set[str] = set()
    for rule in RULES:
        ids.update(rule.sources)
        parts: tuple[Step | Condition, ...] = (*rule.steps, *rule.conditions)
        for part in parts:
            ids.update(part.sources)
    for precedent in PRECEDENTS:
        ids.update(precedent.sources)
    return ids


def table(on: dt.date) -> dict:
    """The whole table as plain data in the request's language, each rule marked in force on
    `on` or not: the API's answer and the page's rows."""

    def texts(record) -> dict:
        data = {
            name: str(value) if isinstance(value, Promise) else value
            for name, value in vars(record).items()
        }
        data["sources"] = list(record.sources)
        return data

    return {
        "as_of": on,
        "rules": [
            {
                **texts(rule),
                "kind_label": Kind(rule.kind).label,
                "bodies": list(rule.bodies),
                "in_force": rule.in_force(on),
                "steps": [
                    {
                        **texts(step),
                        "act_label": ACTS[step.act],
                        "recorded_as": step.recorded_as or None,
                    }
                    for step in rule.steps
                ],
                "conditions": [texts(condition) for condition in rule.conditions],
            }
            for rule in RULES
        ],
        "precedents": [
            {**texts(precedent), "kind_label": Kind(precedent.kind).label}
            for precedent in PRECEDENTS
        ],
    }
