from django.urls import path

from cica.meetings import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("cycles/", views.cycles, name="cycles"),
]
