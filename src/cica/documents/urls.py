from django.urls import path

from cica.documents import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.document_list, name="documents"),
    path("documents/new/", views.document_form, name="document_new"),
    path("documents/search/", views.search, name="search"),
    path("documents/status/", views.matrix, name="matrix"),
    path("documents/<slug:key>/", views.document_detail, name="document"),
    path("documents/<slug:key>/edit/", views.document_form, name="document_edit"),
    path("documents/<slug:key>/print/", views.document_print, name="print"),
    path("documents/<slug:key>/pdf/", views.document_pdf, name="pdf"),
    path("documents/<slug:key>/files/<int:file_id>/", views.document_file, name="file"),
    path("documents/<slug:key>/<slug:act>/", views.document_act, name="act"),
]
