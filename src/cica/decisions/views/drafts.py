"""A new draft, and a draft's page: its versions and their differences, a revision, and putting
its last version to a body."""

import difflib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cica.core import clock
from cica.core.views import dispatch_post, integer_parameter, run_action
from cica.decisions import actions, competence, permissions, queries
from cica.decisions.forms import DraftForm, OpenProcedureForm, VersionForm
from cica.registry.models import Body


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
