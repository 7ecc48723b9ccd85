"""The language switcher, which also sets a signed-in user's language of e-mail notices."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views import i18n

from cica.accounts import actions


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's `set_language`; a signed-in user who picks a language on the portal also gets
    the e-mail notices in it (the Secretariat can set it too: `cica user language`)."""
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
