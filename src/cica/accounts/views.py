"""The account's own pages: its API tokens; and the language switcher, which also sets a
signed-in user's language of e-mail notices."""

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from cica.accounts import actions, queries, rules
from cica.accounts.auth import SignedInRequest
from cica.accounts.forms import ApiTokenForm
from cica.accounts.permissions import needs_two_factor
from cica.core import clock, denials
from cica.core.errors import DomainError, PermissionDenied


@csrf_exempt
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's `set_language`; a signed-in user who picks a language on the portal also gets
    the e-mail notices in it (the Secretariat can set it too: `cica user language`).

    The CSRF check holds for a signed-in user, whose account it changes. An anonymous visitor's
    switch sets only its language cookie (a forged one changes no account):
    without a token in its form, every public page is the same for everyone, so that a proxy or
    a CDN may keep it (core.conditional)."""
    if request.user.is_authenticated:
        return _switch_checked(request)
    return _switch(request)


def _switch(request: HttpRequest) -> HttpResponse:
    response = i18n.set_language(request)
    language = request.POST.get("language")
    user = request.user
    if (
        request.method == "POST"
        and user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and user.language != language
    ):
        actions.set_language(acting_user=user, user=user, language=language)
    return response


_switch_checked = csrf_protect(_switch)


def _second_factor_at(request: HttpRequest):
    return rules.last_second_factor(get_authentication_records(request, request.user))


@login_required
def token_list(request: SignedInRequest) -> HttpResponse:
    """The account's API tokens: list, create (a new secret is shown once), revoke."""
    user = request.user
    form, secret, status = ApiTokenForm(), None, 200
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                secret = actions.issue_api_token(
                    acting_user=user,
                    user=user,
                    second_factor_at=_second_factor_at(request),
                    **form.cleaned_data,
                )
            except PermissionDenied as error:
                denials.record(request, str(error.message))
                form.add_error(None, error.message)
                status = 403
            except DomainError as error:
                form.add_error(error.field, str(error.message))
                status = 422
            else:
                form, status = ApiTokenForm(), 201
        else:
            status = 422
    needs_step = needs_two_factor(user) and not rules.is_recent(
        _second_factor_at(request), clock.now(), settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
    )
    return render(
        request,
        "accounts/token_list.html",
        {
            "tokens": queries.list_api_tokens(user),
            "form": form,
            "secret": secret,
            "needs_step": needs_step,
            "now": clock.now(),
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: SignedInRequest, token_id: int) -> HttpResponse:
    token = queries.access_own_api_token(request.user, token_id)
    try:
        actions.revoke_api_token(acting_user=request.user, token=token)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")
