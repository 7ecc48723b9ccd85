"""The registry's pages. No namespace of their own: the portal mounts them under its names
(`portal:states`, `portal:state`, ...), which the templates of every app use."""

from django.urls import path

from cica.registry import views

urlpatterns = [
    path("states/", views.state_list, name="states"),
    path("states/<str:code>/", views.state_detail, name="state"),
    path("states/<str:code>/names/", views.state_rename, name="state_rename"),
    path("organizations/", views.organization_list, name="organizations"),
    path("bodies/", views.body_list, name="bodies"),
    path("chairmanships/", views.chairmanship_list, name="chairmanships"),
    path("secretariat/", views.secretariat, name="secretariat"),
    path("sources/", views.sources, name="sources"),
    path("figures/", views.figures, name="figures"),
]
