from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("publications/<slug:slug>.pdf", views.publication_pdf, name="publication-pdf"),
    path("workshops/<slug:slug>/agenda.pdf", views.agenda_pdf, name="agenda-pdf"),
    path("workshops/<slug:slug>/badges.pdf", views.badges_pdf, name="badges"),
    path("workshops/<slug:slug>/check-in/", views.check_in, name="check-in"),
    path("workshops/<slug:slug>/statistics/", views.workshop_statistics, name="workshop-statistics"),
    path(
        "workshops/<slug:slug>/statistics/<slug:key>.csv",
        views.workshop_statistic_csv,
        name="workshop-statistic-csv",
    ),
    path(
        "workshops/<slug:slug>/speakers.csv",
        views.speakers_export,
        {"file_format": "csv"},
        name="speakers-csv",
    ),
    path(
        "workshops/<slug:slug>/speakers.xlsx",
        views.speakers_export,
        {"file_format": "xlsx"},
        name="speakers-xlsx",
    ),
    path("statistics/", views.overall_statistics, name="statistics"),
    path("statistics/<slug:key>.csv", views.overall_statistic_csv, name="statistic-csv"),
]
