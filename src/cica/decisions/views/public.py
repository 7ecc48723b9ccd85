"""The public pages: the decisions adopted, one decision with its statements, and the
competence table."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cica.core import clock
from cica.core.conditional import RECORD, conditional
from cica.core.views import run_action
from cica.decisions import actions, competence, permissions, queries
from cica.decisions.forms import StatementForm
from cica.registry import queries as registry
from cica.registry.forms import AsOfForm

PAGE_SIZE = 50


@conditional(reads=RECORD)
def decision_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.list_decisions(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "decisions/decision_list.html", {"page": page})


@conditional(reads=RECORD)
def competence_table(request: HttpRequest) -> HttpResponse:
    """Which body may adopt which kind of decision, on which dates, after which steps."""
    form = AsOfForm(request.GET or None)
    as_of = clock.today()
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        as_of = form.cleaned_data["as_of"]
    russian = (request.LANGUAGE_CODE or "").startswith("ru")
    names = {
        body.key: (body.name_ru_on_date if russian else None) or body.name_en_on_date or body.key
        for body in registry.list_bodies(as_of=as_of)
    }
    table = competence.table(as_of)
    for rule in table["rules"]:
        rule["body_names"] = [names.get(key, key) for key in rule["bodies"]]
        for step in rule["steps"]:
            step["by_name"] = names.get(step["by"], "")
    for precedent in table["precedents"]:
        precedent["body_name"] = names.get(precedent["body"], precedent["body"])
    return render(
        request,
        "decisions/competence.html",
        {"table": table, "as_of": as_of, "as_of_form": form},
    )


@conditional(reads=RECORD)
def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = queries.get_decision(decision_id)
    form = StatementForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_action(
            request,
            form,
            actions.add_interpretative_statement,
            _("Your statement is attached."),
            decision=decision,
            **form.cleaned_data,
        )
    ):
        return redirect("decisions:decision", decision_id=decision.pk)
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "form": form,
            "can_state": permissions.can_make_statement(request.user, decision),
        },
        status=getattr(form, "error_status", 422) if form.errors else 200,
    )
