"""Pages of decision-making: the public decisions, the delegates' workspace, the Secretariat's desk.

Views are thin: they read through queries, change through actions, and show a DomainError
beside the field it names.
"""

import difflib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cica.core import clock
from cica.core.errors import NotFound, PermissionDenied
from cica.core.views import run_action
from cica.decisions import actions, permissions, queries
from cica.decisions.forms import (
    BreakForm,
    CommentForm,
    DraftForm,
    ExtendForm,
    OpenProcedureForm,
    OutcomeForm,
    StatementForm,
    VersionForm,
)
from cica.decisions.models import Procedure
from cica.registry.models import Body

PAGE_SIZE = 50


def _or_404(read, *args):
    """Run a scoped read; its NotFound is a 404 and its PermissionDenied a 403."""
    try:
        return read(*args)
    except NotFound as error:
        raise Http404(str(error)) from error
    except PermissionDenied as error:
        raise HttpForbidden(str(error)) from error


# -- Public -------------------------------------------------------------------------------------


def decision_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.list_decisions(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "decisions/decision_list.html", {"page": page})


def decision_detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _or_404(queries.get_decision, decision_id)
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
    )


# -- Workspace ----------------------------------------------------------------------------------


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """What is before the user: open procedures (for a delegate, those its state decides)."""
    state = request.user.state if permissions.is_delegate(request.user) else None
    open_now = _or_404(queries.list_procedures, request.user).filter(
        queries.status_condition(Procedure.Status.OPEN, clock.now())
    )
    return render(
        request,
        "decisions/workspace.html",
        {
            "mine": open_now.filter(eligible_states=state) if state else None,
            "open": open_now,
            "recent": _or_404(queries.list_procedures, request.user)[:20],
            "can_draft": permissions.can_create_draft(request.user),
        },
    )


def _procedure_page(request, procedure, **forms) -> HttpResponse:
    user = request.user
    status = queries.status_of(procedure)
    is_open = status == Procedure.Status.OPEN
    context = {
        "procedure": procedure,
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
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(states=procedure.eligible_states.all()),
        "confirm_break": forms.get("confirm_break", False),
    }
    return render(
        request, "decisions/procedure_detail.html", context, status=forms.get("status", 200)
    )


@login_required
def procedure_detail(request: HttpRequest, procedure_id: int) -> HttpResponse:
    return _procedure_page(request, _or_404(queries.access_procedure, request.user, procedure_id))


@login_required
@require_POST
def procedure_act(request: HttpRequest, procedure_id: int, act: str) -> HttpResponse:
    """The forms of a procedure's page: break (after a confirmation step), comment, extend, ..."""
    procedure = _or_404(queries.access_procedure, request.user, procedure_id)
    done = redirect("decisions:procedure", procedure_id=procedure.pk)
    if act == "break":
        form = BreakForm(request.POST)
        if form.is_valid() and not form.cleaned_data["confirmed"]:
            # Breaking silence ends the procedure for everyone: ask once more.
            confirming = BreakForm(initial={**form.cleaned_data, "confirmed": True})
            return _procedure_page(request, procedure, break_form=confirming, confirm_break=True)
        if form.is_valid() and run_action(
            request,
            form,
            actions.break_silence,
            _("Silence is broken. Your receipt is below."),
            procedure=procedure,
            reason=form.cleaned_data["reason"],
            proposed_wording=form.cleaned_data["proposed_wording"],
        ):
            return done
        return _procedure_page(request, procedure, break_form=form, status=422)
    if act == "comment":
        form = CommentForm(request.POST)
        if form.is_valid() and run_action(
            request,
            form,
            actions.comment,
            _("Your comment is recorded."),
            procedure=procedure,
            text=form.cleaned_data["text"],
        ):
            return done
        return _procedure_page(request, procedure, comment_form=form, status=422)
    if act == "extend":
        form = ExtendForm(request.POST)
        if form.is_valid() and run_action(
            request,
            form,
            actions.extend_deadline,
            _("The deadline is extended."),
            procedure=procedure,
            deadline=form.cleaned_data["deadline"],
        ):
            return done
        return _procedure_page(request, procedure, extend_form=form, status=422)
    if act == "withdraw":
        form = CommentForm()
        if run_action(
            request,
            form,
            actions.withdraw_procedure,
            _("The procedure is withdrawn."),
            procedure=procedure,
        ):
            return done
        return _procedure_page(request, procedure, status=409)
    if act == "object":
        form = CommentForm()
        if run_action(
            request,
            form,
            actions.object_at_meeting,
            _("Your objection is recorded."),
            procedure=procedure,
            reason=request.POST.get("reason", ""),
        ):
            return done
        return _procedure_page(request, procedure, status=409)
    if act == "outcome":
        form = OutcomeForm(request.POST, states=procedure.eligible_states.all())
        if form.is_valid() and run_action(
            request,
            form,
            actions.record_meeting_outcome,
            _("The outcome is recorded."),
            procedure=procedure,
            present=form.cleaned_data["present"],
            objecting=form.cleaned_data["objecting"],
        ):
            return done
        return _procedure_page(request, procedure, outcome_form=form, status=422)
    raise Http404


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
    draft = _or_404(queries.access_draft, request.user, draft_id)
    versions = list(draft.versions.all())
    last = versions[-1]
    bodies = Body.objects.filter(kind__in=["governing", "working"]).order_by("position")
    version_form = VersionForm(
        initial={"title": last.title, "text_en": last.text_en, "text_ru": last.text_ru}
    )
    open_form = OpenProcedureForm(bodies=bodies, initial={"body": "soc"})
    if request.method == "POST":
        if "add_version" in request.POST:
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
        else:
            open_form = OpenProcedureForm(request.POST, bodies=bodies)
            if open_form.is_valid():
                data = open_form.cleaned_data
                body = bodies.get(key=data["body"])
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
    diff = None
    if len(versions) > 1:
        numbers = [v.number for v in versions]
        a = int(request.GET.get("from", numbers[-2]))
        b = int(request.GET.get("to", numbers[-1]))
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
    )
