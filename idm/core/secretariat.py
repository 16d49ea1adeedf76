"""The secretariat's two groups and what each may do in the admin."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITORS = "Secretariat editors"
VIEWERS = "Secretariat viewers"

# Every model of these apps is secretariat business; the framework's own (users, sessions) is not.
SECRETARIAT_APPS = ("workshops", "speakers", "reports")


def sync_secretariat_groups(**kwargs):
    """Gives the groups the permissions of every secretariat model, including models added later.

    Runs after every migrate, so a new model is editable by editors and visible to viewers without
    anyone having to remember a permissions migration.
    """
    permissions = Permission.objects.filter(content_type__app_label__in=SECRETARIAT_APPS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    viewers, _ = Group.objects.get_or_create(name=VIEWERS)
    editors.permissions.add(*permissions)
    viewers.permissions.add(*permissions.filter(Q(codename__startswith="view_")))
