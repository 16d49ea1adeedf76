from django.urls import include, path

from . import views

app_name = "workshops"

urlpatterns = [
    path("", views.home, name="home"),
    path("workshops/<slug:slug>/", views.workshop_detail, name="detail"),
    path("workshops/<slug:slug>/agendas/<int:pk>/", views.agenda_version, name="version"),
    path("workshops/<slug:slug>/agendas/<int:pk>/changes/", views.agenda_changes, name="changes"),
    path("workshops/<slug:slug>/calendar.ics", views.workshop_calendar, name="calendar"),
    path("workshops/<slug:slug>/items/<slug:anchor>/calendar.ics", views.item_calendar, name="item-calendar"),
    path("documents/", views.document_library, name="documents"),
    path("documents/<int:pk>/download/", views.document_download, name="document-download"),
    path("", include("workshops.registration_urls")),
]
