"""Admission on a state's page: where the state stands, and the Secretariat's form to record its
application."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cica.core import clock
from cica.core.views import run_action
from cica.decisions import actions, permissions
from cica.decisions.admission import state_workflow
from cica.decisions.forms import ApplicationForm
from cica.registry import queries as registry
from cica.registry.forms import AsOfForm
from cica.registry.views import state_page


def state_section(request: HttpRequest, state) -> dict:
    """On a state's page (registry.extensions): where it stands in admission and in observer
    status, and the Secretariat's form to record its application."""
    return {
        "workflow": state_workflow(state),
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
