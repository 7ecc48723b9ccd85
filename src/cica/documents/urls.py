from django.urls import path

from cica.documents import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.document_list, name="documents"),
    path("documents/status/", views.matrix, name="matrix"),
    path("documents/<slug:key>/", views.document_detail, name="document"),
]
