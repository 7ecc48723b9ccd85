"""The CBM API: the Catalogue with its coordinators, activities, and the review."""

import datetime as dt
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, UploadedFile
from ninja.responses import Status

from cica.accounts.auth import api_auth, reader
from cica.cbm import actions, export, queries
from cica.cbm.models import (
    Activity,
    ActivityFile,
    CatalogueVersion,
    CoordinationOffer,
    Kind,
    PlannedEvent,
    PriorityArea,
)
from cica.cbm.schemas import (
    ActivityFileOut,
    ActivityIn,
    ActivityOut,
    AreaDetailOut,
    CoordinationIn,
    DecisionIn,
    DimensionsOut,
    DocumentLinkIn,
    MeasureIn,
    MeasureOut,
    OfferIn,
    OfferOut,
    PlanIn,
    PlannedEventIn,
    PlanOut,
    ReturnIn,
    ReviewOut,
)
from cica.core import attachments, clock
from cica.core.api import READ_ERRORS, WRITE_ERRORS, PageIn, PageOut, paginate
from cica.core.conditional import RECORD, conditional
from cica.core.dates import IsoDate
from cica.core.errors import InvalidInput, NotFound
from cica.registry import queries as registry
from cica.registry.models import Organization

router = Router(tags=["cbm"])

DATE = {"description": "YYYY-MM-DD"}


class ActivitiesPage(PageOut):
    items: list[ActivityOut]


@router.get("/cbm/dimensions", response={200: DimensionsOut, **READ_ERRORS}, by_alias=True)
@conditional(reads=queries.CACHE_READS)
def dimensions(request: HttpRequest, as_of: IsoDate | None = Query(None, **DATE)):
    """The Catalogue's five dimensions, their priority areas, and each area's coordinator and
    co-coordinators on a date (today by default)."""
    on = as_of or clock.today()
    items = queries.list_dimensions()
    for dimension in items:
        for area in dimension.areas.all():
            roles = queries.roles_on(area, on)
            area.coordinators = roles["coordinator"] + roles["co_coordinator"]
    return {"as_of": on, "items": items}


@router.get("/cbm/areas/{key}", response={200: AreaDetailOut, **READ_ERRORS}, by_alias=True)
@conditional(reads=RECORD)
def area(request: HttpRequest, key: str):
    """A priority area: its coordinators now and over time, documents, measures, planned events."""
    found = queries.get_area(key)
    roles = queries.roles_on(found, clock.today())
    found.coordinators = roles["coordinator"] + roles["co_coordinator"]
    found.activity_count = found.activities.count()
    return found


@router.get("/cbm/activities", response={200: ActivitiesPage, **READ_ERRORS})
@conditional(reads=RECORD)
def activities(
    request: HttpRequest,
    page: Query[PageIn],
    area: str | None = None,
    state: str | None = Query(None, description="hosted or joined by this state (ISO code)"),
    year: int | None = Query(None, ge=1990, le=2200),
    status: Literal[tuple(Activity.Status.values)] | None = None,  # type: ignore[valid-type]
    kind: Literal[tuple(Kind.values)] | None = None,  # type: ignore[valid-type]
):
    """Activities, newest first."""
    return paginate(
        queries.list_activities(
            reader(request), area=area, state=state, year=year, status=status, kind=kind
        ),
        page,
    )


@router.get("/cbm/activities/{activity_id}", response={200: ActivityOut, **READ_ERRORS})
@conditional(reads=RECORD)
def activity(request: HttpRequest, activity_id: int):
    return queries.access_activity(reader(request), activity_id)


def _activity_fields(payload: ActivityIn) -> dict:
    area = queries.find_area(payload.area)
    organizations = list(Organization.objects.filter(code__in=payload.organizations))
    if len(organizations) != len(set(payload.organizations)):
        raise InvalidInput(_("No such organization."), field="organizations")
    measures = list(area.measures.filter(pk__in=payload.measures))
    if len(measures) != len(set(payload.measures)):
        raise InvalidInput(_("A measure of another priority area."), field="measures")
    planned_event = None
    if payload.planned_event is not None:
        planned_event = PlannedEvent.objects.filter(pk=payload.planned_event).first()
        if planned_event is None:
            raise InvalidInput(_("No such planned event."), field="planned_event")
    return {
        "area": area,
        "title": payload.title,
        "kind": payload.kind,
        "start_date": payload.start_date,
        "end_date": payload.end_date,
        "host_state": registry.get_state_by_code(payload.host_state, field="host_state"),
        "participants": registry.list_states_by_code(payload.participants, field="participants"),
        "organizations": organizations,
        "measures": measures,
        "planned_event": planned_event,
        "summary": payload.summary,
    }


@router.post("/cbm/activities", auth=api_auth, response={201: ActivityOut, **WRITE_ERRORS})
def record_activity(request: HttpRequest, payload: ActivityIn):
    """Record an activity (a delegate, for an activity its state hosts or joins; or the
    Secretariat). It awaits the Secretariat's validation."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_may_record(request.auth)
    recorded = actions.record_activity(acting_user=request.auth, **_activity_fields(payload))
    return Status(201, queries.access_activity(request.auth, recorded.pk))


@router.put(
    "/cbm/activities/{activity_id}", auth=api_auth, response={200: ActivityOut, **WRITE_ERRORS}
)
def correct_activity(request: HttpRequest, activity_id: int, payload: ActivityIn):
    """Correct a recorded activity; a delegate's correction awaits validation again."""
    # Refused before the activity is looked up: a returned one is found by its states only.
    actions.require_may_record(request.auth)
    found = queries.access_activity(request.auth, activity_id)
    actions.correct_activity(acting_user=request.auth, activity=found, **_activity_fields(payload))
    return queries.access_activity(request.auth, activity_id)


@router.post(
    "/cbm/activities/{activity_id}/validate",
    auth=api_auth,
    response={200: ActivityOut, **WRITE_ERRORS},
)
def validate_activity(request: HttpRequest, activity_id: int, payload: DecisionIn):
    """The Secretariat validates the record: it counts in the review as held."""
    # Refused before the activity is looked up: a returned one is found by its states only.
    actions.require_secretariat(request.auth)
    found = queries.access_activity(request.auth, activity_id)
    actions.validate_activity(acting_user=request.auth, activity=found, note=payload.note)
    return queries.access_activity(request.auth, activity_id)


@router.post(
    "/cbm/activities/{activity_id}/return",
    auth=api_auth,
    response={200: ActivityOut, **WRITE_ERRORS},
)
def return_activity(request: HttpRequest, activity_id: int, payload: ReturnIn):
    """The Secretariat returns the record for correction, saying why."""
    # Refused before the activity is looked up: a returned one is found by its states only.
    actions.require_secretariat(request.auth)
    found = queries.access_activity(request.auth, activity_id)
    actions.return_activity(acting_user=request.auth, activity=found, note=payload.note)
    return queries.access_activity(request.auth, activity_id)


@router.post("/cbm/areas/{key}/offers", auth=api_auth, response={201: OfferOut, **WRITE_ERRORS})
def offer(request: HttpRequest, key: str, payload: OfferIn):
    """A member state's delegate offers that its state coordinate or co-coordinate the area; the
    SOC decides (a draft of kind assign_coordinator)."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_may_offer(request.auth)
    found = queries.get_area(key)
    made = actions.offer_to_coordinate(
        acting_user=request.auth, area=found, role=payload.role, note=payload.note
    )
    return Status(201, made)


@router.post(
    "/cbm/offers/{offer_id}/withdraw", auth=api_auth, response={200: OfferOut, **WRITE_ERRORS}
)
def withdraw(request: HttpRequest, offer_id: int):
    found = CoordinationOffer.objects.select_related("area", "state").filter(pk=offer_id).first()
    if found is None:
        raise NotFound(_("No such offer."), field="offer_id")
    return actions.withdraw_offer(acting_user=request.auth, offer=found)


def _review(start: dt.date | None, end: dt.date | None):
    return queries.review(start, end)


@router.get("/cbm/review", response={200: ReviewOut, **READ_ERRORS}, by_alias=True)
@conditional(reads=queries.CACHE_READS)
def review(
    request: HttpRequest,
    from_: IsoDate | None = Query(None, alias="from", **DATE),
    to: IsoDate | None = Query(None, **DATE),
):
    """The review of implementation over a period (by default the twelve months to today): per
    dimension, area and state; areas without a coordinator; areas with no activity in twelve
    months."""
    return export.review_document(_review(from_, to))


@router.get(
    "/cbm/review.csv",
    response={200: None, **READ_ERRORS},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
@conditional(reads=queries.CACHE_READS)
def review_csv(
    request: HttpRequest,
    from_: IsoDate | None = Query(None, alias="from", **DATE),
    to: IsoDate | None = Query(None, **DATE),
):
    """The review's areas as CSV, one row per priority area."""
    result = _review(from_, to)
    response = HttpResponse(export.review_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="cica-cbm-review-{result.start}-{result.end}.csv"'
    )
    return response


# ---- the Secretariat: plans and documents ----------------------------------------------------


@router.get("/cbm/plans/{year}", response={200: PlanOut, **READ_ERRORS})
@conditional(reads=queries.CACHE_READS)
def plan(request: HttpRequest, year: int):
    """The Plan of Implementation of a year, its planned events and whether each was held."""
    return queries.get_plan(year)


@router.post("/cbm/plans", auth=api_auth, response={201: PlanOut, **WRITE_ERRORS})
def record_plan(request: HttpRequest, payload: PlanIn):
    """Record the Plan of Implementation the SOC adopted for a year (Secretariat)."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    made = actions.record_plan(
        acting_user=request.auth,
        year=payload.year,
        adopted_on=payload.adopted_on,
    )
    return Status(201, queries.get_plan(made.year))


@router.post("/cbm/plans/{year}/events", auth=api_auth, response={201: PlanOut, **WRITE_ERRORS})
def plan_event(request: HttpRequest, year: int, payload: PlannedEventIn):
    """Add an event to a year's plan (Secretariat)."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    actions.plan_event(
        acting_user=request.auth,
        plan=queries.get_plan(year),
        area=queries.find_area(payload.area),
        title=payload.title,
        kind=payload.kind,
        host_state=registry.get_state_by_code(payload.host_state, field="host_state")
        if payload.host_state
        else None,
        date=payload.date,
    )
    return Status(201, queries.get_plan(year))


@router.post(
    "/cbm/areas/{key}/documents",
    auth=api_auth,
    response={201: AreaDetailOut, **WRITE_ERRORS},
    by_alias=True,
)
def link_document(request: HttpRequest, key: str, payload: DocumentLinkIn):
    """Link a concept paper or action plan of the register to the area (Secretariat)."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    found = queries.get_area(key)
    # The register's documents, through the relation the model declares: cbm imports no code
    # of its sibling app documents.
    documents = PriorityArea._meta.get_field("documents").related_model
    document = documents.objects.filter(key=payload.document).first()
    if document is None:
        raise InvalidInput(_("No such document."), field="document")
    actions.link_document(acting_user=request.auth, area=found, document=document)
    return Status(201, area(request, key))


@router.post("/cbm/areas/{key}/measures", auth=api_auth, response={201: MeasureOut, **WRITE_ERRORS})
def add_measure(request: HttpRequest, key: str, payload: MeasureIn):
    """Add a measure of a version of the Catalogue under the area (Secretariat)."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    found = queries.get_area(key)
    catalogue = CatalogueVersion.objects.filter(key=payload.catalogue).first()
    if catalogue is None:
        raise InvalidInput(_("No such version of the Catalogue."), field="catalogue")
    made = actions.add_measure(
        acting_user=request.auth,
        area=found,
        catalogue=catalogue,
        number=payload.number,
        text_en=payload.text_en,
        text_ru=payload.text_ru,
    )
    return Status(201, made)


@router.post(
    "/cbm/areas/{key}/coordinators",
    auth=api_auth,
    response={201: AreaDetailOut, **WRITE_ERRORS},
    by_alias=True,
)
def record_coordination(request: HttpRequest, key: str, payload: CoordinationIn):
    """Record a coordination term known from a source (Secretariat); terms the SOC assigns
    here come from the adoption of a decision of kind assign_coordinator."""
    # Refused before the input is read: its lookups would answer a user who may not write.
    actions.require_secretariat(request.auth)
    found = queries.get_area(key)
    actions.record_coordination(
        acting_user=request.auth,
        area=found,
        state=registry.get_state_by_code(payload.state),
        role=payload.role,
        basis=payload.basis,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, area(request, key))


@router.post(
    "/cbm/activities/{activity_id}/files",
    auth=api_auth,
    response={201: ActivityFileOut, **WRITE_ERRORS},
)
def attach_file(request: HttpRequest, activity_id: int, file: File[UploadedFile]):
    """Attach a report, programme or list of participants (PDF, DOCX or TXT; multipart field
    `file`): its state's delegates or the Secretariat; to a validated activity, the Secretariat
    only (409 naming `status`). A refused file stores nothing."""
    # Refused before the activity is looked up: a returned one is found by its states only.
    actions.require_may_record(request.auth)
    found = queries.access_activity(request.auth, activity_id)
    attachments.check_size(file.size)
    made = actions.attach_activity_file(
        acting_user=request.auth, activity=found, name=file.name or "", content=file.read()
    )
    return Status(201, made)


@router.get(
    "/cbm/activities/{activity_id}/files/{file_id}",
    response={200: None, **READ_ERRORS},
    url_name="activity_file",
    openapi_extra={
        "responses": {200: {"content": {t: {} for t in attachments.CONTENT_TYPES.values()}}}
    },
)
@conditional(reads=RECORD)
def get_file(request: HttpRequest, activity_id: int, file_id: int):
    """An attachment of an activity, as uploaded."""
    queries.access_activity(reader(request), activity_id)
    # activity__pk, not activity_id: Django keeps lookups on an id safe from integers beyond
    # the database's range, not lookups on a foreign key's column (an OverflowError, a 500).
    found = ActivityFile.objects.filter(activity__pk=activity_id, pk=file_id).first()
    if found is None:
        raise NotFound(_("No such file."), field="file_id")
    return attachments.file_response(found)
