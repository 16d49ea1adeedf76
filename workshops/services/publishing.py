"""Publishing a workshop and its agenda. Each step is one transaction: it happens whole or not at all."""

import datetime

from django.db import transaction
from django.utils import timezone

from ..interchange.snapshots import snapshot_agenda
from ..models import Workshop


@transaction.atomic
def publish_workshop(*, workshop: Workshop) -> Workshop:
    if not workshop.is_published:
        workshop.is_published = True
        workshop.published_at = timezone.now()
        workshop.save(update_fields=["is_published", "published_at", "updated_at"])
    return workshop


@transaction.atomic
def unpublish_workshop(*, workshop: Workshop) -> Workshop:
    if workshop.is_published:
        workshop.is_published = False
        workshop.save(update_fields=["is_published", "updated_at"])
    return workshop


@transaction.atomic
def finalize_agenda(*, workshop: Workshop, issued_on: datetime.date | None = None) -> Workshop:
    """Makes the agenda final; a published provisional agenda is kept as an earlier version."""
    if workshop.agenda_status == Workshop.AgendaStatus.FINAL:
        return workshop
    if workshop.has_public_agenda:
        snapshot_agenda(workshop=workshop)
    workshop.agenda_status = Workshop.AgendaStatus.FINAL
    workshop.agenda_issued_on = issued_on or timezone.localdate()
    workshop.save(update_fields=["agenda_status", "agenda_issued_on", "updated_at"])
    return workshop
