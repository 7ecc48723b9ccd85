"""Statuses of states and organizations on a date, derived in SQL from their histories."""

import datetime as dt
from typing import TYPE_CHECKING, Literal, TypedDict

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from cica.core.errors import InvalidInput, NotFound
from cica.registry.models import (
    Chairmanship,
    MembershipStatus,
    Organization,
    State,
    active_on,
    certain_on,
)
from cica.registry.queries.lookups import get_state_by_code
from cica.registry.rules import FORMER

Status = MembershipStatus.Status


PARTNER_STATUSES: list[str] = [
    Status.PARTNER_ORGANIZATION,
    Status.MOU_PARTNER,
    Status.PARTNERSHIP,
    Status.COOPERATION_PROTOCOL,
]
# The values of the `status` filter: a group name or any single status.
STATUS_FILTERS: dict[str, list[str]] = {
    "member": [Status.MEMBER],
    "observer": [Status.OBSERVER],
    "applicant": [Status.OBSERVER_APPLICANT],
    "partner": PARTNER_STATUSES,
    FORMER: [FORMER],
    **{status.value: [status.value] for status in Status},
}


class StatusOnDate(TypedDict):
    """What _with_status annotates: a party's status on the date (rules.FORMER if only past
    ones), and whether no record certainly covers the day."""

    status_on_date: str | None
    approximate: bool


class StateStatusOnDate(StatusOnDate):
    """list_states also gives when the status in force began, and how precisely."""

    status_since: dt.date | None
    status_since_precision: str


if TYPE_CHECKING:  # django_stubs_ext comes with the stubs, a test dependency only
    from django_stubs_ext import WithAnnotations

    StateOnDate = WithAnnotations[State, StateStatusOnDate]
    OrganizationOnDate = WithAnnotations[Organization, StatusOnDate]


def _current_status(party: str, date: dt.date) -> QuerySet[MembershipStatus]:
    """The party's statuses active on `date`, strongest first (the SQL of rules.compute_status)."""
    return MembershipStatus.objects.filter(active_on(date), **{party: OuterRef("pk")}).order_by(
        "rank", F("valid_from").desc(nulls_last=True)
    )


def histories() -> Prefetch[Literal["statuses"], QuerySet[MembershipStatus]]:
    """A party's statuses with their sources and the decision that made each, if any."""
    return Prefetch(
        "statuses",
        # The plugin cannot see "decision", a prefetch of its own (DecisionOfRecord).
        queryset=MembershipStatus.objects.prefetch_related("decision", "sources"),  # type: ignore[misc]
    )


def _status_on(party: str, date: dt.date):
    """SQL for a party's status on `date`: its strongest active one, else "former" if any ended."""
    ended = MembershipStatus.objects.filter(valid_to__lt=date, **{party: OuterRef("pk")})
    return Coalesce(
        Subquery(_current_status(party, date).values("status")[:1], output_field=CharField()),
        Case(When(Exists(ended), then=Value(FORMER)), default=None, output_field=CharField()),
    )


def _approximate(party: str, date: dt.date):
    """SQL: no record of the party's status on `date` certainly covers the day."""
    certain = MembershipStatus.objects.filter(
        certain_on(date), status=OuterRef("status_on_date"), **{party: OuterRef("pk")}
    )
    # "former" is certain: every record has ended.
    return Case(
        When(Q(status_on_date=FORMER) | Q(status_on_date__isnull=True), then=Value(False)),
        default=~Exists(certain),
        output_field=BooleanField(),
    )


def _with_status(queryset: QuerySet, party: str, date: dt.date, status: str | None) -> QuerySet:
    queryset = queryset.annotate(status_on_date=_status_on(party, date)).annotate(
        approximate=_approximate(party, date)
    )
    if status is None:
        return queryset.filter(status_on_date__isnull=False)
    if status not in STATUS_FILTERS:
        raise InvalidInput(
            f"unknown status {status!r}; expected one of: {', '.join(STATUS_FILTERS)}",
            field="status",
        )
    return queryset.filter(status_on_date__in=STATUS_FILTERS[status])


def status_on(party: State | Organization, date: dt.date) -> str | None:
    """One state's or organization's status on `date`, in one query: the strongest it possibly
    held (a member "from 2014-05" is one on 2014-05-21)."""
    kind = "state" if isinstance(party, State) else "organization"
    return (
        type(party)
        .objects.filter(pk=party.pk)
        .annotate(status_on_date=_status_on(kind, date))
        .values_list("status_on_date", flat=True)
        .first()
    )


def list_states(*, as_of: dt.date, status: str | None = None) -> "QuerySet[StateOnDate]":
    """States with a CICA status on `as_of` (or a past one: "former"), each `status_on_date`."""
    current = _current_status("state", as_of)
    states = State.objects.annotate(
        status_since=Subquery(current.values("valid_from")[:1]),
        status_since_precision=Subquery(current.values("from_precision")[:1]),
    )
    # "name" is the name in the active language (modeltranslation): Russian pages sort in Russian.
    return _with_status(states, "state", as_of, status).order_by("name", "code")


def state_rows(states: "QuerySet[StateOnDate]") -> list[dict]:
    """The API's StateOut of each state of list_states, from one query of plain values."""
    return [
        {
            "code": code,
            "name_en": name_en,
            "name_ru": name_ru,
            "status": status,
            "approximate": approximate,
        }
        for code, name_en, name_ru, status, approximate in states.values_list(
            "code", "name_en", "name_ru", "status_on_date", "approximate"
        )
    ]


def list_organizations(
    *, as_of: dt.date, status: str | None = None
) -> "QuerySet[OrganizationOnDate]":
    """Organizations with a status on `as_of`, each with its status history."""
    # The plugin types modeltranslation's manager as one it makes up, whose prefetch_related
    # takes no Prefetch made elsewhere.
    organizations = Organization.objects.prefetch_related(histories())  # type: ignore[arg-type]
    return _with_status(organizations, "organization", as_of, status).order_by("name", "code")


def members_on(date: dt.date) -> "QuerySet[StateOnDate]":
    """Who was a member state on `date`."""
    return list_states(as_of=date, status="member")


def get_state(code: str, *, as_of: dt.date) -> State:
    """One state with its status history and sources; NotFound names the field `code`."""
    states = (
        State.objects.annotate(status_on_date=_status_on("state", as_of))
        .annotate(approximate=_approximate("state", as_of))
        .prefetch_related(
            histories(),
            "sources",
            # The plugin cannot see "decision", a prefetch of its own (DecisionOfRecord).
            Prefetch("chairmanships", queryset=Chairmanship.objects.prefetch_related("decision")),  # type: ignore[misc]
        )
    )
    return get_state_by_code(code, field="code", error=NotFound, states=states)


def get_organization(code: str, *, as_of: dt.date) -> Organization:
    organization = (
        Organization.objects.annotate(status_on_date=_status_on("organization", as_of))
        .annotate(approximate=_approximate("organization", as_of))
        .prefetch_related(histories(), "sources")
        .filter(code__iexact=code)
        .first()
    )
    if organization is None:
        raise NotFound(f"no organization with code {code!r}", field="code")
    return organization


def list_undated_relations() -> QuerySet[MembershipStatus]:
    """Statuses no source dates (an MoU "date not given"): never counted on a date."""
    return (
        MembershipStatus.objects.filter(valid_from__isnull=True, from_unknown=True)
        .select_related("state", "organization")
        .prefetch_related("sources")
        .order_by("organization__name", "state__name", "pk")
    )


def list_status_changes() -> QuerySet[MembershipStatus]:
    """Every dated status change of states and organizations, newest first: the timeline."""
    return (
        # The plugin cannot see "decision", a prefetch of its own (DecisionOfRecord).
        MembershipStatus.objects.filter(valid_from__isnull=False)  # type: ignore[misc]
        .select_related("state", "organization")
        .prefetch_related("decision", "sources")
        .order_by("-valid_from", "pk")
    )
