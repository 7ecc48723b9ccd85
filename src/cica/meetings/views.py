"""Meeting pages: the list by year, a meeting, and each body's cycle."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cica.core import clock
from cica.core.errors import DomainError
from cica.meetings import queries
from cica.registry.models import Body

CYCLE_BODIES = ("summit", "ministerial", "soc")


def meeting_list(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year")
    body = request.GET.get("body") or None
    try:
        year = int(year) if year else None
        meetings = queries.list_meetings(body=body, year=year)
    except (ValueError, DomainError):
        year, body, meetings = None, None, queries.list_meetings()
    years = queries.meeting_years()
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": meetings.order_by("-start_date", "-pk"),
            "year": year,
            "body": body,
            "years": years,
            "bodies": Body.objects.filter(meetings__isnull=False).distinct().order_by("position"),
            "upcoming": queries.next_meetings(),
        },
    )


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    try:
        meeting = queries.get_meeting(meeting_id)
    except DomainError as error:
        raise Http404(str(error)) from error
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})


def cycles(request: HttpRequest) -> HttpResponse:
    this_year = clock.today().year
    compliance = [queries.cycle_compliance(key, 1999, this_year + 4) for key in CYCLE_BODIES]
    return render(request, "meetings/cycles.html", {"compliance": compliance})
