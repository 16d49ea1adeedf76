"""What the apps' admins share."""


class ReadOnlyAdminMixin:
    """A record kept as it is: the secretariat looks, but nobody adds, changes or deletes it by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
