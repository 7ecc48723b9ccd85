"""Meeting pages: the list by year, a meeting, each body's cycle, and the Secretariat's forms."""

import calendar as stdlib_calendar
from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from cica.core import clock
from cica.core.conditional import RECORD, conditional
from cica.core.errors import DomainError, NotFound
from cica.core.views import dispatch_post, integer_parameter, run_action
from cica.decisions import queries as decisions
from cica.meetings import actions, permissions, queries, stats
from cica.meetings.forms import AgendaItemForm, CancelForm, DelegationForm, MeetingForm
from cica.meetings.models import Delegation, Meeting

LIST_PAGE_SIZE = 100

CYCLE_BODIES = ("summit", "ministerial", "soc")
# The years a meeting may be looked up by, as the API's `year` (CICA met first in 1992).
YEARS = (1990, 2200)


@conditional(reads=queries.CACHE_READS)
def meeting_list(request: HttpRequest) -> HttpResponse:
    year = integer_parameter(request, "year", low=YEARS[0], high=YEARS[1])
    body = request.GET.get("body") or None
    try:
        meetings = queries.list_meetings(body=body, year=year)
    except DomainError:
        body, meetings = None, queries.list_meetings(year=year)
    # Paginated: the record of meetings grows without bound, and one page must stay cheap.
    page = Paginator(meetings.order_by("-start_date", "-pk"), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": page.object_list,
            "page": page,
            "pager_query": "&" + urlencode({"body": body or "", "year": year or ""}),
            "year": year,
            "body": body,
            # Callables: the template calls them only when it builds the cached rows.
            "years": queries.meeting_years,
            "bodies": partial(queries.named_bodies, with_meetings=True),
            "upcoming": queries.next_meetings(),
            "perms_plan": permissions.can_manage_meetings(request.user),
        },
    )


@conditional(reads=RECORD)
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = queries.get_meeting(meeting_id)
    can_manage = permissions.can_manage_meetings(request.user)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "decisions": queries.decisions_taken(meeting),
            "can_manage": can_manage,
            "delegation_form": DelegationForm(),
            "cancel_form": CancelForm(),
            "agenda_form": AgendaItemForm(),
        },
    )


@login_required
def meeting_form(request: HttpRequest, meeting_id: int | None = None) -> HttpResponse:
    """Plan a meeting, or edit and reschedule one (the Secretariat)."""
    if not permissions.can_manage_meetings(request.user):
        raise HttpForbidden
    meeting = queries.get_meeting(meeting_id) if meeting_id else None
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in actions.EDITABLE}
        saved = (
            run_action(
                request,
                form,
                actions.create_meeting,
                _("The meeting is planned."),
                body=form.cleaned_data["body"],
                **fields,
            )
            if meeting is None
            else run_action(
                request,
                form,
                actions.update_meeting,
                _("The meeting is updated."),
                meeting=meeting,
                **fields,
            )
        )
        if saved:
            return redirect("meetings:meeting", meeting_id=saved.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": meeting},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def meeting_act(request: HttpRequest, meeting_id: int, act: str) -> HttpResponse:
    """Cancel a meeting, record a delegation, add an agenda item (which may put a version to it)."""
    # Refused before the form is read: a draft's version looked up for anyone else would answer
    # whether it exists, or fail on a user who may not follow drafts at all.
    if not permissions.can_manage_meetings(request.user):
        raise HttpForbidden
    meeting = queries.get_meeting(meeting_id)
    return dispatch_post(request, _MEETING_ACTS, action=act, meeting=meeting)


def _act(request: HttpRequest, meeting: Meeting, *, form_class, action, done) -> HttpResponse:
    """An act whose form's fields are the action's arguments."""
    form = form_class(request.POST)
    if form.is_valid():
        run_action(request, form, action, done, meeting=meeting, **form.cleaned_data)
    return _back_to_meeting(request, meeting, form)


def _add_agenda_item(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            version = (
                decisions.access_version(request.user, data["version"]) if data["version"] else None
            )
        except NotFound as error:
            form.add_error("version", str(error.message))
        else:
            run_action(
                request,
                form,
                actions.add_agenda_item,
                _("The item is on the agenda."),
                meeting=meeting,
                title=data["title"],
                version=version,
            )
    return _back_to_meeting(request, meeting, form)


def _back_to_meeting(request: HttpRequest, meeting: Meeting, form) -> HttpResponse:
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("meetings:meeting", meeting_id=meeting.pk)


_MEETING_ACTS = {
    "cancel": partial(
        _act,
        form_class=CancelForm,
        action=actions.cancel_meeting,
        done=_lazy("The meeting is cancelled."),
    ),
    "delegation": partial(
        _act,
        form_class=DelegationForm,
        action=actions.record_delegation,
        done=_lazy("The delegation is recorded."),
    ),
    "agenda": _add_agenda_item,
}


@conditional(reads=queries.CACHE_READS)
def calendar_year(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The year at a glance; with ?month=M, that month as a grid of weeks."""
    year = year or clock.today().year
    try:
        months = queries.calendar_year(year)
    except DomainError as error:
        raise Http404(str(error)) from error
    month = integer_parameter(request, "month", low=1, high=12)
    grid = None
    if month:
        chosen = months[month - 1]
        grid = {
            "month": chosen,
            "weeks": [
                [
                    {
                        "day": day,
                        "in_month": day.month == chosen["first"].month,
                        "meetings": [
                            m for m in chosen["meetings"] if m.start_date <= day <= m.end_date
                        ],
                        "entries": [
                            e for e in chosen["entries"] if e.month_day == day.strftime("%m-%d")
                        ],
                    }
                    for day in week
                ]
                for week in stdlib_calendar.Calendar().monthdatescalendar(year, month)
            ],
        }
    return render(
        request,
        "meetings/calendar.html",
        {"year": year, "months": months, "grid": grid, "today": clock.today()},
    )


STATS_BODIES = ("summit", "ministerial", "soc")


@conditional(reads=queries.CACHE_READS)
def statistics(request: HttpRequest) -> HttpResponse:
    body = request.GET.get("body") if request.GET.get("body") in STATS_BODIES else "summit"
    bodies = queries.named_bodies(keys=STATS_BODIES)
    return render(
        request,
        "meetings/statistics.html",
        {
            "body": body,
            "body_name": dict(bodies)[body],
            "bodies": bodies,
            "rows": stats.participation(body),
            "levels": stats.levels_by_state(),
            "level_names": [label for _value, label in Delegation.Level.choices],
        },
    )


@conditional(reads=queries.CACHE_READS)
def participation_chart(request: HttpRequest, body: str) -> HttpResponse:
    if body not in STATS_BODIES:
        raise Http404
    name = dict(queries.named_bodies(keys=(body,)))[body]
    svg = stats.participation_svg(
        stats.participation(body),
        title=_("Delegations at each meeting: %(body)s") % {"body": name},
        states=_("States"),
        organizations=_("Organizations"),
        delegations=_("delegations"),
    )
    return HttpResponse(svg, content_type="image/svg+xml")


@conditional(reads=queries.CACHE_READS)
def cycles(request: HttpRequest) -> HttpResponse:
    this_year = clock.today().year
    compliance = [queries.cycle_compliance(key, 1999, this_year + 4) for key in CYCLE_BODIES]
    return render(request, "meetings/cycles.html", {"compliance": compliance})
