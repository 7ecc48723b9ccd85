from django.urls import include, path

from cica.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    # The registry's pages, under the portal's names (portal:states, portal:state, ...).
    path("", include("cica.registry.urls")),
    path("record/", views.record, name="record"),
]
