from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from cica.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("cica.decisions.urls")),
    path("", include("cica.meetings.urls")),
    path("", include("cica.documents.urls")),
    path("", include("cica.cbm.urls")),
    path("", include("cica.portal.urls")),
    prefix_default_language=True,
)

# A fault of the database answers 503 with Retry-After; any other error the plain 500 page.
handler500 = "cica.core.unavailable.server_error"
