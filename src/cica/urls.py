from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView

from cica.accounts.views import set_language
from cica.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    # The account's own pages (API tokens) before allauth's, under the same prefix.
    path("accounts/", include("cica.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # The addresses of sign-in before allauth, kept for bookmarks.
    path("login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("", include("cica.decisions.urls")),
    path("", include("cica.meetings.urls")),
    path("", include("cica.documents.urls")),
    path("", include("cica.cbm.urls")),
    path("", include("cica.portal.urls")),
    prefix_default_language=True,
)

# A fault of the database answers 503 with Retry-After; any other error the plain 500 page.
handler500 = "cica.core.unavailable.server_error"
