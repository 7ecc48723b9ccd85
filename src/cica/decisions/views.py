"""Pages of decision-making: the public decisions, the delegates' workspace, the Secretariat's desk.

Views are thin: they read through queries, change through actions, and show a DomainError
beside the field it names.
"""

import difflib
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from cica.core import clock, roles
from cica.core.conditional import RECORD, conditional
from cica.core.views import dispatch_post, integer_parameter, run_action
from cica.decisions import actions, admission, competence, permissions, queries
from cica.decisions.forms import (
    ApplicationForm,
    BreakForm,
    CommentForm,
    DraftForm,
    ExtendForm,
    ObjectionForm,
    OpenProcedureForm,
    OutcomeForm,
    StatementForm,
    VersionForm,
    WithdrawForm,
)
from cica.decisions.models import Procedure
from cica.registry import queries as registry
from cica.registry.forms import AsOfForm
from cica.registry.models import Body
from cica.registry.views import state_page

PAGE_SIZE = 50
# A procedure's page shows its comments a page at a time, newest first.
COMMENTS_PER_PAGE = 20


# -- Public -------------------------------------------------------------------------------------


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


# -- Workspace ----------------------------------------------------------------------------------


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """What is before the user: open procedures (for a delegate, those its state decides)."""
    state = request.user.state if roles.is_delegate(request.user) else None
    open_now = queries.list_procedures(request.user).filter(
        queries.status_condition(Procedure.Status.OPEN, clock.now())
    )
    return render(
        request,
        "decisions/workspace.html",
        {
            "mine": open_now.filter(eligible_states=state) if state else None,
            "open": open_now,
            "recent": queries.list_procedures(request.user)[:20],
            "can_draft": permissions.can_create_draft(request.user),
        },
    )


def _procedure_page(request, procedure, **forms) -> HttpResponse:
    user = request.user
    status = queries.status_of(procedure)
    is_open = status == Procedure.Status.OPEN
    comments = Paginator(queries.list_comments(procedure), COMMENTS_PER_PAGE)
    context = {
        "procedure": procedure,
        "comments": comments.get_page(request.GET.get("page")),
        "version": procedure.version,
        "status": status,
        "status_label": Procedure.Status(status).label,
        "is_open": is_open,
        "can_break": is_open
        and procedure.kind == "silence"
        and permissions.can_decide(user, procedure),
        "can_object": is_open
        and procedure.kind == "meeting"
        and permissions.can_decide(user, procedure),
        "can_comment": is_open and permissions.can_comment(user, procedure),
        "can_extend": is_open
        and procedure.kind == "silence"
        and permissions.can_extend(user, procedure),
        "can_withdraw": is_open and permissions.can_withdraw(user, procedure),
        "can_record": is_open
        and procedure.kind == "meeting"
        and permissions.can_record_outcome(user, procedure),
        "break_form": forms.get("break_form") or BreakForm(),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "objection_form": forms.get("objection_form") or ObjectionForm(),
        "extend_form": forms.get("extend_form")
        or ExtendForm(for_chair=not permissions.is_chair_delegate(user)),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(states=procedure.eligible_states.all()),
        "confirm_break": forms.get("confirm_break", False),
    }
    return render(
        request, "decisions/procedure_detail.html", context, status=forms.get("status", 200)
    )


@login_required
def procedure_detail(request: HttpRequest, procedure_id: int) -> HttpResponse:
    return _procedure_page(request, queries.access_procedure(request.user, procedure_id))


# The forms of a procedure's page: the form, the action it runs, the message on success, and
# the name under which the page shows the form again with its errors.
_ACTS = {
    "break": (
        BreakForm,
        actions.break_silence,
        _lazy("Silence is broken. Your receipt is below."),
        "break_form",
    ),
    "comment": (CommentForm, actions.comment, _lazy("Your comment is recorded."), "comment_form"),
    "extend": (
        ExtendForm,
        actions.extend_deadline,
        _lazy("The deadline is extended."),
        "extend_form",
    ),
    "withdraw": (
        WithdrawForm,
        actions.withdraw_procedure,
        _lazy("The procedure is withdrawn."),
        None,
    ),
    "object": (
        ObjectionForm,
        actions.object_at_meeting,
        _lazy("Your objection is recorded."),
        "objection_form",
    ),
    "outcome": (
        OutcomeForm,
        actions.record_meeting_outcome,
        _lazy("The outcome is recorded."),
        "outcome_form",
    ),
}


@login_required
@require_POST
def procedure_act(request: HttpRequest, procedure_id: int, act: str) -> HttpResponse:
    """Run one of a procedure's forms; breaking silence asks for confirmation first."""
    procedure = queries.access_procedure(request.user, procedure_id)
    return dispatch_post(request, _PROCEDURE_ACTS, action=act, procedure=procedure)


def _procedure_form(request: HttpRequest, *, act: str, procedure: Procedure) -> HttpResponse:
    form_class, action, message, name = _ACTS[act]
    extra = {"states": procedure.eligible_states.all()} if form_class is OutcomeForm else {}
    if form_class is ExtendForm:
        extra = {"for_chair": not permissions.is_chair_delegate(request.user)}
    form = form_class(request.POST, **extra)
    if form.is_valid():
        data = dict(form.cleaned_data)
        if act == "break" and not data.pop("confirmed"):
            # Breaking silence ends the procedure for everyone: ask once more.
            confirming = BreakForm(initial={**data, "confirmed": True})
            return _procedure_page(request, procedure, break_form=confirming, confirm_break=True)
        if run_action(request, form, action, str(message), procedure=procedure, **data):
            return redirect("decisions:procedure", procedure_id=procedure.pk)
    for error in form.non_field_errors():
        messages.error(request, error)
    return _procedure_page(
        request,
        procedure,
        status=getattr(form, "error_status", 422),
        **({name: form} if name else {}),
    )


_PROCEDURE_ACTS = {act: partial(_procedure_form, act=act) for act in _ACTS}


# -- Drafts -------------------------------------------------------------------------------------


@login_required
def draft_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_draft(request.user):
        raise HttpForbidden
    form = DraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = run_action(
            request,
            form,
            actions.create_draft,
            _("The draft is created."),
            kind=data["kind"],
            title=data["title"],
            text_en=data["text_en"],
            text_ru=data["text_ru"],
            effect=form.effect(),
        )
        if draft:
            return redirect("decisions:draft", draft_id=draft.pk)
    return render(
        request, "decisions/draft_form.html", {"form": form}, status=422 if form.errors else 200
    )


@login_required
def draft_detail(request: HttpRequest, draft_id: int) -> HttpResponse:
    """A draft's versions and their differences; revise it, or put its last version to a body."""
    draft = queries.access_draft(request.user, draft_id)
    if request.method == "POST":
        # The page's open button is the default: pressing Enter in its form sends no button.
        return dispatch_post(request, _DRAFT_ACTS, default="open_procedure", draft=draft)
    return _draft_page(request, draft)


def _add_version(request: HttpRequest, draft) -> HttpResponse:
    version_form = VersionForm(request.POST)
    if version_form.is_valid() and run_action(
        request,
        version_form,
        actions.add_version,
        _("A new version is added."),
        draft=draft,
        **version_form.cleaned_data,
    ):
        return redirect("decisions:draft", draft_id=draft.pk)
    return _draft_page(request, draft, version_form=version_form)


def _open_procedure(request: HttpRequest, draft) -> HttpResponse:
    open_form = _open_procedure_form(draft, request.POST)
    if open_form.is_valid():
        data = open_form.cleaned_data
        last = list(draft.versions.all())[-1]
        body = Body.objects.get(key=data["body"])
        opened = (
            run_action(
                request,
                open_form,
                actions.open_silence_procedure,
                _("The silence procedure is open."),
                version=last,
                body=body,
                deadline=data["deadline"],
            )
            if data["kind"] == "silence"
            else run_action(
                request,
                open_form,
                actions.open_meeting_procedure,
                _("The version is before the meeting."),
                version=last,
                body=body,
            )
        )
        if opened:
            return redirect("decisions:procedure", procedure_id=opened.pk)
    return _draft_page(request, draft, open_form=open_form)


_DRAFT_ACTS = {"add_version": _add_version, "open_procedure": _open_procedure}


def _open_procedure_form(draft, data=None) -> OpenProcedureForm:
    """The form that puts a draft's last version to a body, naming the bodies competent today."""
    bodies = Body.objects.filter(kind__in=["governing", "working"]).order_by("position")
    today = clock.today()
    competent = [
        competence.body_name(key, today) for key in competence.competent_bodies(draft.kind, today)
    ]
    return OpenProcedureForm(data, bodies=bodies, competent=competent, initial={"body": "soc"})


def _draft_page(request: HttpRequest, draft, *, version_form=None, open_form=None) -> HttpResponse:
    versions = list(draft.versions.all())
    last = versions[-1]
    if version_form is None:
        version_form = VersionForm(
            initial={"title": last.title, "text_en": last.text_en, "text_ru": last.text_ru}
        )
    if open_form is None:
        open_form = _open_procedure_form(draft)
    diff = None
    if len(versions) > 1:
        numbers = [v.number for v in versions]
        a = integer_parameter(request, "from", low=1, high=numbers[-1], default=numbers[-2])
        b = integer_parameter(request, "to", low=1, high=numbers[-1], default=numbers[-1])
        language = "ru" if request.GET.get("language") == "ru" else "en"
        by_number = {v.number: v for v in versions}
        if a in by_number and b in by_number:
            diff = {
                "from": a,
                "to": b,
                "language": language,
                "table": difflib.HtmlDiff(wrapcolumn=60).make_table(
                    getattr(by_number[a], f"text_{language}").splitlines(),
                    getattr(by_number[b], f"text_{language}").splitlines(),
                    fromdesc=_("version %(n)s") % {"n": a},
                    todesc=_("version %(n)s") % {"n": b},
                ),
            }
    return render(
        request,
        "decisions/draft_detail.html",
        {
            "draft": draft,
            "versions": versions,
            "diff": diff,
            "version_form": version_form,
            "open_form": open_form,
            "can_revise": permissions.can_add_version(request.user, draft),
            "can_open": permissions.can_open_procedure(request.user),
        },
        status=next(
            (
                getattr(form, "error_status", 422)
                for form in (open_form, version_form)
                if form.errors
            ),
            200,
        ),
    )


# -- Admission ----------------------------------------------------------------------------------


def state_section(request: HttpRequest, state) -> dict:
    """On a state's page (registry.extensions): where it stands in admission and in observer
    status, and the Secretariat's form to record its application."""
    return {
        "workflow": admission.state_workflow(state),
        "can_apply": permissions.can_record_application(request.user),
        "application_form": ApplicationForm(),
    }


@login_required
@require_POST
def state_application(request: HttpRequest, code: str) -> HttpResponse:
    """The Secretariat records a state's application, from the state's page."""
    # Refused before the form is read, as the API refuses before it reads the input.
    if not permissions.can_record_application(request.user):
        raise HttpForbidden
    today = clock.today()
    state = registry.get_state(code, as_of=today)
    form = ApplicationForm(request.POST)
    if form.is_valid() and run_action(
        request,
        form,
        actions.record_application,
        _("The application is recorded."),
        state=state,
        **form.cleaned_data,
    ):
        return redirect("portal:state", code=state.code)
    return state_page(
        request,
        state,
        today,
        AsOfForm(),
        application_form=form,
        status=getattr(form, "error_status", 422),
    )
