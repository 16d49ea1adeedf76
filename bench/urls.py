"""The site's addresses, and the registration floor (bench/floor.py) that only the benchmarks serve."""

from django.urls import path

from idm.urls import urlpatterns as site_urlpatterns

from .floor import submission_floor

urlpatterns = [*site_urlpatterns, path("bench/submission-floor/<int:workshop>/", submission_floor)]
