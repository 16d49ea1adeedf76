"""Who changed what and when (django-simple-history), for the records the secretariat publishes."""

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
