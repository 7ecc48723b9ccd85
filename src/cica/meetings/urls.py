from django.urls import path

from cica.meetings import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_form, name="meeting_new"),
    path("meetings/statistics/", views.statistics, name="statistics"),
    path(
        "meetings/statistics/<slug:body>.svg", views.participation_chart, name="participation_chart"
    ),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/edit/", views.meeting_form, name="meeting_edit"),
    path("meetings/<int:meeting_id>/<slug:act>/", views.meeting_act, name="meeting_act"),
    path("cycles/", views.cycles, name="cycles"),
    path("calendar/", views.calendar_year, name="calendar"),
    path("calendar/<int:year>/", views.calendar_year, name="calendar_year"),
]
