from django.urls import path

from cica.cbm import views

app_name = "cbm"

urlpatterns = [
    path("cbm/", views.catalogue, name="catalogue"),
    path("cbm/plans/<int:year>/", views.plan, name="plan"),
    path("cbm/areas/<slug:key>/", views.area, name="area"),
    path("cbm/areas/<slug:key>/offer/", views.offer, name="offer"),
    path("cbm/states/<str:code>/", views.state, name="state"),
    path("cbm/activities/", views.activity_list, name="activities"),
    path("cbm/activities/new/", views.activity_form, name="activity_new"),
    path("cbm/activities/<int:activity_id>/", views.activity, name="activity"),
    path(
        "cbm/activities/<int:activity_id>/files/<int:file_id>/",
        views.activity_file,
        name="activity_file",
    ),
    path("cbm/activities/<int:activity_id>/attach/", views.activity_attach, name="attach"),
    path("cbm/activities/<int:activity_id>/<slug:act>/", views.activity_act, name="activity_act"),
    path("cbm/review/", views.review, name="review"),
    path("cbm/review/print/", views.review_print, name="review_print"),
    path("cbm/review/chart.svg", views.review_chart, name="review_chart"),
    path("cbm/review.csv", views.review_csv, name="review_csv"),
]
