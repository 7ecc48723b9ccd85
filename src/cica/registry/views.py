"""The registry's pages: states, organizations, bodies, chairmanships, the Secretariat, sources and
figures; thin views over the registry's queries.

The portal mounts them under its names (`portal:states`, `portal:state`, ...: portal/urls.py).
What other apps show on a state's page they add from their side (registry.extensions).
"""

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cica.core import clock
from cica.core.conditional import RECORD, conditional
from cica.core.errors import InvalidInput
from cica.core.views import run_action
from cica.registry import actions, extensions, queries
from cica.registry.forms import AsOfForm, StateNamesForm
from cica.registry.permissions import can_rename_state

PAGE_SIZE = 100


def as_of_from(request: HttpRequest):
    """The date a page is shown for (?as_of=YYYY-MM-DD), with its form for the page."""
    form = AsOfForm(request.GET or None)
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        return form.cleaned_data["as_of"], form
    return clock.today(), form


@conditional(reads=queries.CACHE_READS)
def state_list(request: HttpRequest) -> HttpResponse:
    as_of, form = as_of_from(request)
    status = request.GET.get("status") or None
    try:
        states = queries.list_states(as_of=as_of, status=status)
    except InvalidInput:
        states, status = queries.list_states(as_of=as_of), None
    page = Paginator(states, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "as_of": as_of,
        "as_of_form": form,
        "status": status,
        "filters": ["member", "observer", "applicant", "former"],
        "page": page,
        "pager_query": f"&status={status or ''}&as_of={as_of.isoformat()}",
        "changes": queries.list_status_changes(),
    }
    return render(request, "registry/state_list.html", context)


def state_page(
    request, state, as_of, as_of_form, *, names_form=None, status=200, **context
) -> HttpResponse:
    """A state's page; `context` overrides what its sections add (a form with its errors)."""
    sections = extensions.state_sections()
    page = {
        "as_of": as_of,
        "as_of_form": as_of_form,
        "state": state,
        "can_rename": can_rename_state(request.user, state),
        "names_form": names_form
        or StateNamesForm(initial={"name_en": state.name_en, "name_ru": state.name_ru}),
        "sections": sections,
    }
    for section in sections:
        if section.context is not None:
            page |= section.context(request, state)
    return render(request, "registry/state_detail.html", page | context, status=status)


@conditional(reads=RECORD)
def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    as_of, form = as_of_from(request)
    return state_page(request, queries.get_state(code, as_of=as_of), as_of, form)


@require_POST
def state_rename(request: HttpRequest, code: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    today = clock.today()
    state = queries.get_state(code, as_of=today)
    form = StateNamesForm(request.POST)
    saved = _("The names of %(state)s are saved.") % {"state": state}
    if form.is_valid() and run_action(
        request, form, actions.rename_state, saved, state=state, **form.cleaned_data
    ):
        return redirect("portal:state", code=state.code)
    status = getattr(form, "error_status", 422)
    return state_page(request, state, today, AsOfForm(), names_form=form, status=status)


@conditional(reads=queries.CACHE_READS)
def organization_list(request: HttpRequest) -> HttpResponse:
    as_of, form = as_of_from(request)
    organizations = queries.list_organizations(as_of=as_of)
    return render(
        request,
        "registry/organization_list.html",
        {
            "as_of": as_of,
            "as_of_form": form,
            "organizations": organizations,
            "undated": queries.list_undated_relations(),
        },
    )


@conditional(reads=queries.CACHE_READS)
def body_list(request: HttpRequest) -> HttpResponse:
    as_of, form = as_of_from(request)
    bodies = queries.list_bodies(as_of=as_of)
    return render(
        request, "registry/body_list.html", {"as_of": as_of, "as_of_form": form, "bodies": bodies}
    )


@conditional(reads=queries.CACHE_READS)
def chairmanship_list(request: HttpRequest) -> HttpResponse:
    terms = list(queries.list_chairmanships())
    return render(
        request,
        "registry/chairmanship_list.html",
        {
            "terms": terms,
            "current": queries.current_chair(clock.today()),
            "rules": queries.list_facts("chairmanship-rule"),
        },
    )


@conditional(reads=queries.CACHE_READS)
def secretariat(request: HttpRequest) -> HttpResponse:
    as_of, form = as_of_from(request)
    return render(
        request,
        "registry/secretariat.html",
        {
            "as_of": as_of,
            "as_of_form": form,
            "now": queries.secretariat_on(as_of),
            "history": queries.list_secretariat_history(),
            "facts": queries.list_facts("secretariat-"),
        },
    )


@conditional(reads=queries.CACHE_READS)
def sources(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/sources.html",
        {"sources": queries.list_sources(), "conflicts": queries.list_conflicts()},
    )


@conditional(reads=queries.CACHE_READS)
def figures(request: HttpRequest) -> HttpResponse:
    """Membership over time: the registry's derived counts beside the counts sources reported."""
    return render(request, "registry/figures.html", {"rows": queries.compare_reported_counts()})
