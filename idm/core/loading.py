"""Loading rows into model instances for the models that pages read by the hundred."""

import functools

from django.db import models
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


@functools.cache
def _column_names(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


class BulkReadModel(models.Model):
    """A model whose rows are loaded without going through `Model.__init__`.

    An agenda loads hundreds of roles, people, documents and questions, and `__init__` does work that such rows
    do not need: it sends two signals and sets each column through its descriptor, so that a foreign key's id
    drops a cached related object that a new instance cannot have yet. The columns are stored in the instance's
    `__dict__`, as unpickling does (docs/performance.md). It gives the same instance: Django's own `from_db` likewise takes
    the values in the order of the concrete fields when there is one for each, and every descriptor of these
    models (Django's, and django-countries' `CountryField`) reads the stored value as the database gives it.

    Deferred fields (`only()`, `defer()`, as the pages do with a document's long text) are left out of `__dict__`,
    as `Model.__init__` leaves them, so that reading one loads it. The ordinary `from_db` still runs as soon as
    anything listens for `pre_init` or `post_init` (an `ImageField` with dimension fields would), so no receiver
    ever misses an instance. Asking whether any receiver is connected at all costs nothing; asking for this
    model's receivers would cost a third of the time saved.
    """

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        if pre_init.receivers or post_init.receivers:
            return super().from_db(db, field_names, values)
        attnames = _column_names(cls)
        instance = cls.__new__(cls)
        # Django's field_names are the loaded columns' attnames, in the order of their values.
        instance.__dict__.update(zip(attnames if len(values) == len(attnames) else field_names, values, strict=True))
        state = instance._state = ModelState()
        state.adding = False
        state.db = db
        return instance
