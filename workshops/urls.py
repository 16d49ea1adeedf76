from django.urls import path

from .views import documents, public, registration

app_name = "workshops"

urlpatterns = [
    path("", public.home, name="home"),
    path("workshops/<slug:slug>/", public.workshop_detail, name="detail"),
    path("workshops/<slug:slug>/agendas/<int:pk>/", public.agenda_version, name="version"),
    path("workshops/<slug:slug>/agendas/<int:pk>/changes/", public.agenda_changes, name="changes"),
    path("workshops/<slug:slug>/calendar.ics", public.workshop_calendar, name="calendar"),
    path("workshops/<slug:slug>/items/<slug:anchor>/calendar.ics", public.item_calendar, name="item-calendar"),
    path("documents/", documents.document_library, name="documents"),
    path("documents/<int:pk>/download/", documents.document_download, name="document-download"),
    # Registration
    path("workshops/<slug:slug>/register/", registration.register, name="register"),
    path("workshops/<slug:slug>/register/check-your-email/", registration.check_email, name="register-check-email"),
    path("workshops/<slug:slug>/register/my-link/", registration.request_private_link, name="registration-link"),
    path("workshops/<slug:slug>/participants/", registration.participant_list, name="participants"),
    path(
        "registration/new-address/<str:token>/",
        registration.registration_new_address,
        name="registration-new-address",
    ),
    path("registration/<str:token>/", registration.registration_detail, name="registration"),
    path("registration/<str:token>/correct/", registration.registration_edit, name="registration-edit"),
    path("registration/<str:token>/cancel/", registration.registration_cancel, name="registration-cancel"),
    path("privacy/", registration.privacy_notice, name="privacy"),
]
