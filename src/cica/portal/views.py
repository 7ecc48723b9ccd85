"""The public portal: thin views over the registry's queries."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cica.core import anchors, clock
from cica.core.errors import DomainError, InvalidInput, NotFound, PermissionDenied
from cica.decisions import admission
from cica.decisions import permissions as decisions_permissions
from cica.decisions.forms import ApplicationForm
from cica.documents import queries as documents
from cica.meetings import queries as meetings
from cica.portal.forms import AsOfForm, StateNamesForm
from cica.registry import actions, queries
from cica.registry.permissions import can_rename_state

PAGE_SIZE = 100


def _as_of(request: HttpRequest):
    """The date a page is shown for (?as_of=YYYY-MM-DD), with its form for the page."""
    form = AsOfForm(request.GET or None)
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        return form.cleaned_data["as_of"], form
    return clock.today(), form


def home(request: HttpRequest) -> HttpResponse:
    as_of, form = _as_of(request)
    context = {
        "as_of": as_of,
        "as_of_form": form,
        "figures": queries.key_figures(as_of),
        "changes": queries.list_status_changes()[:8],
        "next_meetings": meetings.next_meetings(),
        # The key lines of the About page: the founding initiative and the shares as reported.
        "about": [item for item in _about_facts() if item["key"] in ("initiative", "share")],
    }
    return render(request, "portal/home.html", context)


def state_list(request: HttpRequest) -> HttpResponse:
    as_of, form = _as_of(request)
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
    return render(request, "portal/state_list.html", context)


def _get_state_or_404(code: str, as_of):
    try:
        return queries.get_state(code, as_of=as_of)
    except NotFound as error:
        raise Http404(str(error)) from error


def _state_page(
    request, state, as_of, as_of_form, names_form=None, application_form=None, status=200
) -> HttpResponse:
    context = {
        "as_of": as_of,
        "as_of_form": as_of_form,
        "state": state,
        "can_rename": can_rename_state(request.user, state),
        "founding": documents.founding_signatures(state),
        "names_form": names_form
        or StateNamesForm(initial={"name_en": state.name_en, "name_ru": state.name_ru}),
        # Where the state stands in admission and in observer status (decisions.admission).
        "workflow": admission.state_workflow(state),
        "can_apply": decisions_permissions.can_record_application(request.user),
        "application_form": application_form or ApplicationForm(),
    }
    return render(request, "portal/state_detail.html", context, status=status)


def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    as_of, form = _as_of(request)
    return _state_page(request, _get_state_or_404(code, as_of), as_of, form)


@require_POST
def state_rename(request: HttpRequest, code: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    today = clock.today()
    state = _get_state_or_404(code, today)
    form = StateNamesForm(request.POST)
    if form.is_valid():
        try:
            actions.rename_state(acting_user=request.user, state=state, **form.cleaned_data)
        except PermissionDenied as error:
            raise HttpForbidden(str(error.message)) from error
        except DomainError as error:
            form.add_error(error.field, str(error.message))
        else:
            messages.success(request, _("The names of %(state)s are saved.") % {"state": state})
            return redirect("portal:state", code=state.code)
    return _state_page(request, state, today, AsOfForm(), names_form=form, status=422)


def organization_list(request: HttpRequest) -> HttpResponse:
    as_of, form = _as_of(request)
    organizations = queries.list_organizations(as_of=as_of)
    return render(
        request,
        "portal/organization_list.html",
        {
            "as_of": as_of,
            "as_of_form": form,
            "organizations": organizations,
            "undated": queries.list_undated_relations(),
        },
    )


def body_list(request: HttpRequest) -> HttpResponse:
    as_of, form = _as_of(request)
    bodies = queries.list_bodies(as_of=as_of)
    return render(
        request, "portal/body_list.html", {"as_of": as_of, "as_of_form": form, "bodies": bodies}
    )


def chairmanship_list(request: HttpRequest) -> HttpResponse:
    terms = list(queries.list_chairmanships())
    return render(
        request,
        "portal/chairmanship_list.html",
        {
            "terms": terms,
            "current": queries.current_chair(clock.today()),
            "rules": queries.list_facts("chairmanship-rule"),
        },
    )


def secretariat(request: HttpRequest) -> HttpResponse:
    as_of, form = _as_of(request)
    return render(
        request,
        "portal/secretariat.html",
        {
            "as_of": as_of,
            "as_of_form": form,
            "now": queries.secretariat_on(as_of),
            "history": queries.list_secretariat_history(),
            "facts": queries.list_facts("secretariat-"),
        },
    )


def sources(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/sources.html",
        {"sources": queries.list_sources(), "conflicts": queries.list_conflicts()},
    )


def figures(request: HttpRequest) -> HttpResponse:
    """Membership over time: the registry's derived counts beside the counts sources reported."""
    return render(request, "portal/figures.html", {"rows": queries.compare_reported_counts()})


def record(request: HttpRequest) -> HttpResponse:
    """The signed heads of the audit chain, with the key that checks them and how."""
    page = Paginator(anchors.list_heads(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/record.html", {**anchors.publication(), "page": page})


# The About page's facts in the order it states them (supplement.yaml keys), with their labels.
ABOUT_FACTS = {
    "initiative": gettext_lazy("Founding initiative"),
    "operational": gettext_lazy("Operational since"),
    "established": gettext_lazy("Established"),
    "un-observer": gettext_lazy("Observer at the UN General Assembly"),
    "languages": gettext_lazy("Official and working languages"),
    "principles": gettext_lazy("Basic principles"),
    "cica-day": gettext_lazy("CICA Day"),
}


def _about_facts() -> list[dict]:
    """The cited facts of the About page in the active language, each with its quotes (the
    source's words; on Russian pages their translation) and whether its Russian is translated."""
    russian = get_language() == "ru"
    facts = []
    for fact in queries.list_facts("about-").order_by("position"):
        notes = fact.notes or []
        facts.append(
            {
                "key": fact.topic.removeprefix("about-"),
                "fact": fact,
                "translated": russian
                and any(n["kind"] == "ru_basis" and n["text"] == "translation" for n in notes),
                "quotes": [
                    {"text": (russian and n.get("text_ru")) or n["text"], "sources": n["sources"]}
                    for n in notes
                    if n["kind"] == "quote"
                ],
            }
        )
    return facts


def about(request: HttpRequest) -> HttpResponse:
    """What CICA is, as the dataset states it: each fact cited, the shares of Asia's territory,
    the world's population and GDP as each source reports them, with the source's date."""
    facts = _about_facts()
    by_key = {item["key"]: item for item in facts}
    labelled = [
        {**by_key[key], "label": label} for key, label in ABOUT_FACTS.items() if key in by_key
    ]
    return render(
        request,
        "portal/about.html",
        {
            "facts": labelled,
            "shares": [item for item in facts if item["key"] == "share"],
        },
    )
