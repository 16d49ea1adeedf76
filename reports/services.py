"""Writes of the reports app. Each is one transaction: it happens whole or not at all."""

from collections.abc import Iterable

from django.db import transaction

from workshops.models import Workshop

from .models import Publication


@transaction.atomic
def create_publication(*, workshops: Iterable[Workshop], **fields: object) -> Publication:
    """A new publication covering `workshops`; the fields are checked as the admin checks them."""
    publication = Publication(**fields)
    publication.full_clean()
    publication.save()
    publication.workshops.set(workshops)
    return publication


@transaction.atomic
def publish_publication(*, publication: Publication) -> Publication:
    if not publication.is_published:
        publication.is_published = True
        publication.save(update_fields=["is_published", "updated_at"])
    return publication


@transaction.atomic
def unpublish_publication(*, publication: Publication) -> Publication:
    if publication.is_published:
        publication.is_published = False
        publication.save(update_fields=["is_published", "updated_at"])
    return publication
