"""Who changed what and when (django-simple-history), for the records the secretariat publishes."""

from contextlib import contextmanager
from types import SimpleNamespace

from django.db.models import signals
from simple_history.models import HistoricalRecords


class HistoricalRecordsWithProxies(HistoricalRecords):
    """Also records the changes saved through proxies of the model, such as the registration desk's view of a
    workshop: Django sends their signals under the proxy's name, which django-simple-history does not hear."""

    def finalize(self, sender, **kwargs):
        if sender is not self.cls and sender._meta.proxy and issubclass(sender, self.cls):
            signals.post_save.connect(self.post_save, sender=sender, weak=False)
            signals.pre_delete.connect(self.pre_delete, sender=sender, weak=False)
            signals.post_delete.connect(self.post_delete, sender=sender, weak=False)
            return
        super().finalize(sender, **kwargs)


@contextmanager
def recorded_as(user):
    """Records the changes made inside as made by `user`, wherever they are made: saves, and the deletions that
    cascade from them. django-simple-history takes the author from the request it keeps for the thread, which a
    management command does not have; None leaves that request as it is."""
    if user is None:
        yield
        return
    context = HistoricalRecords.context
    missing = object()
    previous = getattr(context, "request", missing)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is missing:
            del context.request
        else:
            context.request = previous
