from django.urls import path

from cica.decisions import views

app_name = "decisions"

urlpatterns = [
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/competence/", views.competence_table, name="competence"),
    path("decisions/<int:decision_id>/", views.decision_detail, name="decision"),
    path("workspace/", views.workspace, name="workspace"),
    path("procedures/<int:procedure_id>/", views.procedure_detail, name="procedure"),
    path("procedures/<int:procedure_id>/<slug:act>/", views.procedure_act, name="procedure_act"),
    path("drafts/new/", views.draft_new, name="draft_new"),
    path("drafts/<int:draft_id>/", views.draft_detail, name="draft"),
    path("states/<str:code>/applications/", views.state_application, name="state_application"),
]
