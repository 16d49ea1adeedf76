"""Registration pages; included from workshops.urls, so their names are in the "workshops" namespace."""

from django.urls import path

from . import registration_views as views

urlpatterns = [
    path("workshops/<slug:slug>/register/", views.register, name="register"),
    path("workshops/<slug:slug>/register/check-your-email/", views.check_email, name="register-check-email"),
    path("workshops/<slug:slug>/register/my-link/", views.request_private_link, name="registration-link"),
    path("workshops/<slug:slug>/participants/", views.participant_list, name="participants"),
    path("registration/new-address/<str:token>/", views.registration_new_address, name="registration-new-address"),
    path("registration/<str:token>/", views.registration_detail, name="registration"),
    path("registration/<str:token>/correct/", views.registration_edit, name="registration-edit"),
    path("registration/<str:token>/cancel/", views.registration_cancel, name="registration-cancel"),
    path("privacy/", views.privacy_notice, name="privacy"),
]
