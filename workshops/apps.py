from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from idm.core import caching
        from idm.core.secretariat import sync_secretariat_groups

        post_migrate.connect(sync_secretariat_groups, dispatch_uid="workshops.sync_secretariat_groups")
        caching.connect(self)
