from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("", views.home, name="home"),
    path("workshops/<slug:slug>/", views.workshop_detail, name="detail"),
    path("workshops/<slug:slug>/agendas/<int:pk>/", views.agenda_version, name="version"),
    path("documents/<int:pk>/download/", views.document_download, name="document-download"),
]
