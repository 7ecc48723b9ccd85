"""CBM pages: the Catalogue by dimension, a priority area, a state's CBM work, the activities,
the review dashboard with its chart, printable report and CSV."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from cica.cbm import actions, charts, export, permissions, queries
from cica.cbm.forms import (
    ActivityDecisionForm,
    ActivityFileForm,
    ActivityForm,
    OfferForm,
    ReviewForm,
)
from cica.cbm.models import Activity, ActivityFile
from cica.core import attachments, clock
from cica.core.conditional import RECORD, conditional
from cica.core.errors import DomainError
from cica.core.views import dispatch_post, run_action
from cica.registry import queries as registry
from cica.registry.models import CitedFact

ACTIVITIES_PER_PAGE = 25


@conditional(reads=queries.CACHE_READS)
def catalogue(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    dimensions = queries.list_dimensions()
    for dimension in dimensions:
        for area in dimension.areas.all():
            area.roles = queries.roles_on(area, today)
    return render(
        request,
        "cbm/catalogue.html",
        {
            "dimensions": dimensions,
            "versions": queries.catalogue_versions(),
            "plans": queries.list_plans(),
            "principles": CitedFact.objects.filter(topic="cbm-principle"),
            "proposed": CitedFact.objects.filter(topic="cbm-proposed-area"),
            "can_record": permissions.can_record_activities(request.user),
        },
    )


@conditional(reads=queries.CACHE_READS)
def plan(request: HttpRequest, year: int) -> HttpResponse:
    found = queries.get_plan(year)
    return render(request, "cbm/plan.html", {"plan": found})


@conditional(reads=RECORD)
def area(request: HttpRequest, key: str) -> HttpResponse:
    found = queries.get_area(key)
    roles = queries.roles_on(found, clock.today())
    activities = Paginator(
        queries.list_activities(request.user, area=key), ACTIVITIES_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "cbm/area.html",
        {
            "area": found,
            "roles": roles,
            "history": sorted(found.coordinations.all(), key=queries.term_order),
            "activities": activities,
            "offer_form": OfferForm()
            if permissions.can_offer_to_coordinate(request.user)
            else None,
            "can_record": permissions.can_record_activities(request.user),
        },
    )


@conditional(reads=RECORD)
def state(request: HttpRequest, code: str) -> HttpResponse:
    found = registry.get_state(code, as_of=clock.today())
    activities = Paginator(
        queries.list_activities(request.user, state=found.code), ACTIVITIES_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "cbm/state.html",
        {"state": found, "terms": queries.state_roles(found), "activities": activities},
    )


@conditional(reads=RECORD)
def activity_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    try:
        activities = queries.list_activities(request.user, status=status)
    except DomainError:
        status, activities = None, queries.list_activities(request.user)
    page = Paginator(activities, ACTIVITIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cbm/activity_list.html",
        {"activities": page, "status": status, "statuses": Activity.Status.choices},
    )


@conditional(reads=RECORD)
def activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    found = queries.access_activity(request.user, activity_id)
    secretariat = permissions.can_manage_cbm(request.user)
    # A validated activity changes only by the Secretariat (actions.attach_activity_file).
    may_attach = permissions.can_record_activity(
        request.user, found.host_state, found.participants_list
    ) and (
        permissions.can_change_validated_activity(request.user)
        or found.status != Activity.Status.VALIDATED
    )
    return render(
        request,
        "cbm/activity.html",
        {
            "activity": found,
            "decision_form": ActivityDecisionForm() if secretariat else None,
            "file_form": ActivityFileForm() if may_attach else None,
        },
    )


@login_required
def activity_form(request: HttpRequest) -> HttpResponse:
    """Record an activity: a delegate for its own state, or the Secretariat."""
    # As the other forms of the portal: refused to whoever may not submit it (observers).
    if not permissions.can_record_activities(request.user):
        raise HttpForbidden
    initial = {}
    if request.user.state_id:
        initial["host_state"] = request.user.state.code
    if request.GET.get("area"):
        initial["area"] = request.GET["area"]
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["participants"] = list(data["participants"])
        data["organizations"] = list(data["organizations"])
        recorded = run_action(
            request,
            form,
            actions.record_activity,
            _("The activity is recorded; it awaits the Secretariat's validation."),
            **data,
        )
        if recorded:
            return redirect("cbm:activity", activity_id=recorded.pk)
    return render(
        request,
        "cbm/activity_form.html",
        {"form": form},
        status=getattr(form, "error_status", 422) if form.errors else 200,
    )


@login_required
@require_POST
def activity_act(request: HttpRequest, activity_id: int, act: str) -> HttpResponse:
    """The Secretariat validates an activity or returns it for correction."""
    found = queries.access_activity(request.user, activity_id)
    return dispatch_post(request, _ACTIVITY_ACTS, action=act, activity=found)


def _decide_activity(request: HttpRequest, *, activity: Activity, action, message) -> HttpResponse:
    form = ActivityDecisionForm(request.POST)
    if form.is_valid():
        run_action(
            request, form, action, message, activity=activity, note=form.cleaned_data["note"]
        )
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("cbm:activity", activity_id=activity.pk)


_ACTIVITY_ACTS = {
    "validate": partial(
        _decide_activity,
        action=actions.validate_activity,
        message=_lazy("The activity is validated."),
    ),
    "return": partial(
        _decide_activity,
        action=actions.return_activity,
        message=_lazy("The activity is returned for correction."),
    ),
}


@login_required
@require_POST
def offer(request: HttpRequest, key: str) -> HttpResponse:
    found = queries.get_area(key)
    form = OfferForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            form,
            actions.offer_to_coordinate,
            _("Your state's offer is recorded; the SOC decides."),
            area=found,
            **form.cleaned_data,
        )
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("cbm:area", key=found.key)


def _review(request: HttpRequest):
    form = ReviewForm(request.GET or None)
    start = end = None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    try:
        return form, queries.review(start, end)
    except DomainError:
        return form, queries.review()


@conditional(reads=RECORD)
def activity_file(request: HttpRequest, activity_id: int, file_id: int):
    queries.access_activity(request.user, activity_id)
    found = ActivityFile.objects.filter(activity_id=activity_id, pk=file_id).first()
    if found is None:
        raise Http404
    return attachments.file_response(found)


@login_required
@require_POST
def activity_attach(request: HttpRequest, activity_id: int) -> HttpResponse:
    """Attach a report or programme to an activity: its state's delegates or the Secretariat."""
    found = queries.access_activity(request.user, activity_id)
    form = ActivityFileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachments.check_size(upload.size)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            run_action(
                request,
                form,
                actions.attach_activity_file,
                _("The file is attached."),
                activity=found,
                name=upload.name,
                content=upload.read(),
            )
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("cbm:activity", activity_id=found.pk)


@conditional(reads=queries.CACHE_READS)
def review(request: HttpRequest) -> HttpResponse:
    form, result = _review(request)
    return render(
        request,
        "cbm/review.html",
        {"form": form, "review": result, "period": f"from={result.start}&to={result.end}"},
        status=422 if form.errors else 200,
    )


@conditional(reads=queries.CACHE_READS)
def review_print(request: HttpRequest) -> HttpResponse:
    _form, result = _review(request)
    return render(request, "cbm/review_print.html", {"review": result})


@conditional(reads=queries.CACHE_READS)
def review_chart(request: HttpRequest) -> HttpResponse:
    _form, result = _review(request)
    svg = charts.review_svg(
        result,
        title=_("Activities per dimension, %(start)s to %(end)s")
        % {"start": result.start, "end": result.end},
        labels={"planned": _("planned"), "held": _("held"), "awaiting": _("awaiting validation")},
    )
    return HttpResponse(svg, content_type="image/svg+xml")


@conditional(reads=queries.CACHE_READS)
def review_csv(request: HttpRequest) -> HttpResponse:
    _form, result = _review(request)
    response = HttpResponse(export.review_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="cica-cbm-review-{result.start}-{result.end}.csv"'
    )
    return response
