"""The delegates' workspace and a procedure's page, with the forms of its acts."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from cica.accounts.auth import SignedInRequest
from cica.core import clock, roles
from cica.core.views import dispatch_post, run_action
from cica.decisions import actions, permissions, queries
from cica.decisions.forms import (
    BreakForm,
    CommentForm,
    ExtendForm,
    ObjectionForm,
    OutcomeForm,
    WithdrawForm,
)
from cica.decisions.models import Procedure

# A procedure's page shows its comments a page at a time, newest first.
COMMENTS_PER_PAGE = 20


@login_required
def workspace(request: SignedInRequest) -> HttpResponse:
    """What is before the user: open procedures (for a delegate, those its state decides)."""
    state = request.user.state if roles.is_delegate(request.user) else None
    open_now = queries.as_rows(queries.list_procedures(request.user)).filter(
        queries.status_condition(Procedure.Status.OPEN, clock.now())
    )
    open_list = list(open_now)
    mine = None
    if state:
        # Those before the state are among the open ones, in their order: not read twice.
        decided = queries.decided_by(open_now, state)
        mine = [procedure for procedure in open_list if procedure.pk in decided]
    return render(
        request,
        "decisions/workspace.html",
        {
            "mine": mine,
            "open": open_list,
            "recent": queries.as_rows(queries.list_procedures(request.user))[:20],
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
    return _procedure_page(request, queries.access_procedure_page(request.user, procedure_id))


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
    procedure = queries.access_procedure_page(request.user, procedure_id)
    return dispatch_post(request, _PROCEDURE_ACTS, action=act, procedure=procedure)


def _procedure_form(request: HttpRequest, *, act: str, procedure: Procedure) -> HttpResponse:
    form_class, action, message, name = _ACTS[act]
    extra: dict[str, Any] = (
        {"states": procedure.eligible_states.all()} if form_class is OutcomeForm else {}
    )
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
