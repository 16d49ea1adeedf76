from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app uses: page caching, backups, the secretariat's groups, exports, shared template tags.
    It has no models, so it shows nowhere in the admin."""

    name = "idm.core"
    label = "idm_core"
