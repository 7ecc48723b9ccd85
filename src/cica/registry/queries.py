"""Reads of the registry. Statuses, names and counts on a date are derived in SQL."""

import datetime as dt
import re
from collections.abc import Iterable

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
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cica.core import dates
from cica.core.cache import cached_read
from cica.core.errors import DomainError, InvalidInput, NotFound
from cica.registry import rules
from cica.registry.models import (
    Body,
    BodyName,
    Chairmanship,
    CitedFact,
    Conflict,
    MembershipStatus,
    Organization,
    PostHolder,
    PostTitle,
    ReportedCount,
    Seat,
    SecretariatPost,
    Source,
    State,
    active_on,
    certain_on,
)
from cica.registry.rules import FORMER

Status = MembershipStatus.Status

# What a cached read of the registry reads (core.cache.cached_read): its records, and the
# decisions whose effects change them.
CACHE_READS = ("registry", "decisions.decision")

PARTNER_STATUSES = [
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


def _current_status(party: str, date: dt.date) -> QuerySet[MembershipStatus]:
    """The party's statuses active on `date`, strongest first (the SQL of rules.compute_status)."""
    return MembershipStatus.objects.filter(active_on(date), **{party: OuterRef("pk")}).order_by(
        "rank", F("valid_from").desc(nulls_last=True)
    )


def histories() -> Prefetch:
    """A party's statuses with their sources and the decision that made each, if any."""
    return Prefetch(
        "statuses",
        queryset=MembershipStatus.objects.prefetch_related("decision", "sources"),
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


def list_states(*, as_of: dt.date, status: str | None = None) -> QuerySet[State]:
    """States with a CICA status on `as_of` (or a past one: "former"), each `status_on_date`."""
    current = _current_status("state", as_of)
    states = State.objects.annotate(
        status_since=Subquery(current.values("valid_from")[:1]),
        status_since_precision=Subquery(current.values("from_precision")[:1]),
    )
    # "name" is the name in the active language (modeltranslation): Russian pages sort in Russian.
    return _with_status(states, "state", as_of, status).order_by("name", "code")


def state_rows(states: QuerySet[State]) -> list[dict]:
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


def list_organizations(*, as_of: dt.date, status: str | None = None) -> QuerySet[Organization]:
    """Organizations with a status on `as_of`, each with its status history."""
    organizations = Organization.objects.prefetch_related(histories())
    return _with_status(organizations, "organization", as_of, status).order_by("name", "code")


def members_on(date: dt.date) -> QuerySet[State]:
    """Who was a member state on `date`."""
    return list_states(as_of=date, status="member")


def count_on(date: dt.date) -> dict[str, int]:
    """Key counts on `date`, derived from the status histories: each the highest possible (the
    number a list of that status shows); count_ranges gives the lowest too."""
    return {name: high for name, (_low, high) in count_ranges(date).items()}


def _statuses_by_party() -> dict[tuple[str, int], list[MembershipStatus]]:
    """Every status record, by party: ("state", pk) or ("organization", pk). One query."""
    by_party: dict[tuple[str, int], list[MembershipStatus]] = {}
    for status in MembershipStatus.objects.only(
        "state_id",
        "organization_id",
        "status",
        "valid_from",
        "from_latest",
        "from_unknown",
        "valid_to",
        "to_earliest",
        "to_unknown",
    ):
        party = (
            ("state", status.state_id)
            if status.state_id
            else ("organization", status.organization_id)
        )
        by_party.setdefault(party, []).append(status)
    return by_party


def _ranges(by_party, days: list[dt.date]) -> dict[str, tuple[int, int]]:
    """The lowest and highest each count can be on any of `days` (rules.count_range)."""
    kinds = {
        "members": ("state", Status.MEMBER),
        "observer_states": ("state", Status.OBSERVER),
        "observer_organizations": ("organization", Status.OBSERVER),
    }
    ranges = {}
    for name, (kind, status) in kinds.items():
        parties = [records for (party, _pk), records in by_party.items() if party == kind]
        lows, highs = zip(*(rules.count_range(parties, status, day) for day in days), strict=True)
        ranges[name] = (min(lows), max(highs))
    return ranges


def _change_days(by_party, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days from `first` to `last` on which some count may change: its ends and each
    boundary inside. Counts hold between them, so these are all the days to evaluate."""
    days = {first, last}
    for records in by_party.values():
        for record in records:
            for day in (record.valid_from, record.from_latest):
                if day and first <= day <= last:
                    days.add(day)
            for day in (record.to_earliest, record.valid_to):
                if day and first <= day < last:
                    days.add(day + dt.timedelta(days=1))
    return sorted(days)


def count_ranges(date: dt.date) -> dict[str, tuple[int, int]]:
    """Each key count on `date` as (lowest, highest): equal unless a status on that day is known
    only to its month or year, when the count is a range ("25-26" on 2014-05-21)."""
    return _ranges(_statuses_by_party(), [date])


# ---- a state or a body named by a request ----------------------------------------------------
# What names no row is not sent to the database: PostgreSQL refuses a NUL in a query (a 500).
_STATE_CODE = re.compile(r"[A-Za-z]{2}")
_BODY_KEY = re.compile(r"[-A-Za-z0-9_]{1,60}")


def get_state_by_code(
    code,
    *,
    field: str = "state",
    error: type[DomainError] = InvalidInput,
    states: QuerySet[State] | None = None,
) -> State:
    """The state of an ISO code, in either case ("kz" is KZ).

    Unknown or missing, it is `error` naming `field`: InvalidInput (422) for a code a request's
    body or a form gives, NotFound (404) for the state a path names. `states` is where to look,
    such as rows annotated for a page.
    """
    if code is None or not str(code).strip():
        raise error(_("Name a state."), field=field)
    code = str(code)
    found = None
    if _STATE_CODE.fullmatch(code):
        rows = State.objects.all() if states is None else states
        found = rows.filter(code=code.upper()).first()
    if found is None:
        raise error(_("No state with code %(code)s.") % {"code": code}, field=field)
    return found


def list_states_by_code(codes: Iterable, *, field: str) -> list[State]:
    """The states of these codes, in their order, in one query; InvalidInput naming `field` and
    every unknown code otherwise."""
    wanted = [str(code) for code in codes]
    valid = {code.upper() for code in wanted if _STATE_CODE.fullmatch(code)}
    found = {state.code: state for state in State.objects.filter(code__in=valid)}
    unknown = [
        code for code in wanted if not (_STATE_CODE.fullmatch(code) and code.upper() in found)
    ]
    if unknown:
        raise InvalidInput(
            ngettext(
                "No state with code %(codes)s.", "No states with codes %(codes)s.", len(unknown)
            )
            % {"codes": ", ".join(unknown)},
            field=field,
        )
    return [found[code.upper()] for code in wanted]


def get_body_by_key(key, *, field: str = "body", error: type[DomainError] = InvalidInput) -> Body:
    """The body of a key ("soc", "ministerial"), in either case; unknown or missing, `error`
    naming `field` (see get_state_by_code)."""
    if key is None or not str(key).strip():
        raise error(_("Name a body."), field=field)
    key = str(key)
    found = Body.objects.filter(key__iexact=key).first() if _BODY_KEY.fullmatch(key) else None
    if found is None:
        raise error(_("No body %(key)s.") % {"key": key}, field=field)
    return found


def get_state(code: str, *, as_of: dt.date) -> State:
    """One state with its status history and sources; NotFound names the field `code`."""
    states = (
        State.objects.annotate(status_on_date=_status_on("state", as_of))
        .annotate(approximate=_approximate("state", as_of))
        .prefetch_related(
            histories(),
            "sources",
            Prefetch("chairmanships", queryset=Chairmanship.objects.prefetch_related("decision")),
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
        MembershipStatus.objects.filter(valid_from__isnull=False)
        .select_related("state", "organization")
        .prefetch_related("decision", "sources")
        .order_by("-valid_from", "pk")
    )


def _with_names_on(bodies: QuerySet[Body], date: dt.date) -> QuerySet[Body]:
    """Annotate each body with its English and Russian names on `date`."""
    # The latest name first; a name with no known start comes last on every database.
    current_name = BodyName.objects.filter(active_on(date), body=OuterRef("pk")).order_by(
        F("valid_from").desc(nulls_last=True)
    )
    return bodies.annotate(
        name_en_on_date=Subquery(current_name.values("name_en")[:1]),
        name_ru_on_date=Subquery(current_name.values("name_ru")[:1]),
    )


def body_names_on(date, body: str = "pk") -> dict:
    """Annotations `body_name_en` and `body_name_ru`: the names of a body (the row itself, or the
    relation `body`) on `date` (a day, or an OuterRef to one, such as a meeting's first day), as
    get_body_on names bodies: the latest name in force; before the first name's known start,
    the first name. Pages name a body so, never by its key."""
    in_force = BodyName.objects.filter(active_on(date), body=OuterRef(body)).order_by(
        F("valid_from").desc(nulls_last=True)
    )
    first = BodyName.objects.filter(body=OuterRef(body)).order_by(
        F("valid_from").asc(nulls_first=True)
    )
    # Both languages from the same name: a name in force without its Russian gives none.
    return {
        f"body_name_{language}": Case(
            When(Exists(in_force), then=Subquery(in_force.values(f"name_{language}")[:1])),
            default=Subquery(first.values(f"name_{language}")[:1]),
        )
        for language in ("en", "ru")
    }


def get_body_on(key: str, date: dt.date) -> Body | None:
    """One body with its names on `date` (one query)."""
    return _with_names_on(Body.objects.filter(key=key), date).first()


def list_bodies(*, as_of: dt.date) -> QuerySet[Body]:
    """Bodies, each with its names on `as_of`, and all its names and frequencies."""
    return (
        _with_names_on(Body.objects.all(), as_of)
        .prefetch_related(
            Prefetch(
                "names",
                queryset=BodyName.objects.prefetch_related("decision", "sources"),
            ),
            "frequencies__sources",
            "sources",
        )
        .order_by("position")
    )


def list_chairmanships(*, as_of: dt.date | None = None) -> QuerySet[Chairmanship]:
    """Chairmanship terms, oldest first; with `as_of`, only the term(s) covering that date."""
    terms = Chairmanship.objects.select_related("state").prefetch_related("decision", "sources")
    if as_of is not None:
        terms = terms.filter(active_on(as_of))
    return terms.order_by("valid_from", "pk")


def current_chair(date: dt.date) -> Chairmanship | None:
    """The Chair on `date`, `approximate` when its term's boundary around that day is known only
    to the month or year (the First Summit, 2002-06-04, falls in Kazakhstan's term "from 2002")."""
    terms = list(list_chairmanships(as_of=date))
    return rules.choose(terms, date)


def secretariat_on(date: dt.date) -> dict:
    """The Secretariat on `date`: its seat, and each post with its title and holder.

    A holder whose term's end no source gives is named only up to the day before a source names
    another; where two may have held the post, the one certainly in office is named, else the
    one last or next attested nearest to the day, marked approximate.
    """
    posts = SecretariatPost.objects.prefetch_related(
        Prefetch(
            "titles",
            queryset=PostTitle.objects.filter(active_on(date)).prefetch_related("sources"),
            to_attr="titles_on_date",
        ),
        Prefetch(
            "holders",
            queryset=PostHolder.objects.filter(active_on(date))
            .select_related("nationality")
            .prefetch_related("decision", "sources"),
            to_attr="holders_on_date",
        ),
    )
    posts = list(posts)
    for post in posts:
        post.holder = rules.choose(post.holders_on_date, date)
    seats = list(Seat.objects.filter(active_on(date)).prefetch_related("sources"))
    return {"seat": rules.choose(seats, date), "posts": posts}


def list_secretariat_history() -> dict:
    """Every seat, title and holder the sources name, attested-only holders included."""
    return {
        "seats": list(Seat.objects.prefetch_related("sources")),
        "titles": list(PostTitle.objects.select_related("post").prefetch_related("sources")),
        "holders": list(
            PostHolder.objects.select_related("post", "nationality").prefetch_related(
                "decision", "sources"
            )
        ),
    }


def list_sources() -> QuerySet[Source]:
    return Source.objects.order_by("position")


def source_keys(model, ids) -> dict[int, list[str]]:
    """The keys of the sources cited by each of these objects of a Cited `model`, in the
    sources' order: one query, for the fast paths of lists."""
    keys: dict[int, list[str]] = {pk: [] for pk in ids}
    through = model.sources.through
    column = next(f.attname for f in through._meta.fields if f.related_model is model)
    for pk, key in (
        through.objects.filter(**{f"{column}__in": keys})
        .order_by("source__position", "source_id")
        .values_list(column, "source__key")
    ):
        keys[pk].append(key)
    return keys


def list_conflicts() -> QuerySet[Conflict]:
    return Conflict.objects.order_by("position")


def list_reported_counts() -> QuerySet[ReportedCount]:
    return ReportedCount.objects.prefetch_related("sources").order_by("as_of", "position")


def head_of_secretariat(date: dt.date) -> PostHolder | None:
    holders = list(
        PostHolder.objects.filter(active_on(date), post__kind="head").select_related("nationality")
    )
    return rules.choose(holders, date)


@cached_read("registry.key_figures", reads=CACHE_READS)
def key_figures(date: dt.date) -> dict:
    """The home page's figures on `date`: counts (the highest) and their ranges (low, high), the
    Chair and the head of the Secretariat; built once per state of the registry (decisions
    change it through their effects)."""
    ranges = count_ranges(date)
    return {
        **{name: high for name, (_low, high) in ranges.items()},
        "ranges": ranges,
        "chair": current_chair(date),
        "head_of_secretariat": head_of_secretariat(date),
    }


def list_facts(topic_prefix: str) -> QuerySet[CitedFact]:
    return CitedFact.objects.filter(topic__startswith=topic_prefix).prefetch_related("sources")


def compare_reported_counts() -> list[dict]:
    """Each count a source reported, beside the range the registry derives for that date.

    A count "as of 2014-05" was taken on some day of May 2014: the derived range spans every
    day of the period, and a reported count within it matches. A fixed number of queries
    whatever the number of rows: statuses are evaluated in Python with the same rules the SQL
    implements.
    """
    by_party = _statuses_by_party()
    rows = []
    for reported in list_reported_counts():
        first, last = dates.bounds(reported.as_of, reported.as_of_precision)
        ranges = _ranges(by_party, _change_days(by_party, first, last))
        ranges["observer_orgs"] = ranges.pop("observer_organizations")
        ranges["observers_states_and_orgs"] = (
            ranges["observer_states"][0] + ranges["observer_orgs"][0],
            ranges["observer_states"][1] + ranges["observer_orgs"][1],
        )
        rows.append(
            {
                "reported": reported,
                "derived": {key: dates.format_range(*pair) for key, pair in ranges.items()},
                "matches": {
                    key: low <= getattr(reported, key) <= high
                    for key, (low, high) in ranges.items()
                    if getattr(reported, key) is not None
                },
            }
        )
    return rows
