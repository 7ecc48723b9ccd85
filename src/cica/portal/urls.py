from django.urls import path

from cica.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("states/", views.state_list, name="states"),
    path("states/<str:code>/", views.state_detail, name="state"),
    path("states/<str:code>/names/", views.state_rename, name="state_rename"),
    path("organizations/", views.organization_list, name="organizations"),
    path("bodies/", views.body_list, name="bodies"),
    path("chairmanships/", views.chairmanship_list, name="chairmanships"),
    path("secretariat/", views.secretariat, name="secretariat"),
    path("sources/", views.sources, name="sources"),
    path("figures/", views.figures, name="figures"),
    path("record/", views.record, name="record"),
]
