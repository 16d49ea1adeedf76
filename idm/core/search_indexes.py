"""GIN indexes of the full-text vectors the document search looks words up in, on PostgreSQL only; the
migrations of both apps whose fields it searches use them.

An index is of one field, or of several fields, each weighted, as one vector: a search uses the index only
when it builds the vector exactly as `weighted_vector` does.

SQLite has no text vectors (its search is a plain match), so the index cannot be part of the models' Meta,
which every database builds; a migration operation adds it where the database is PostgreSQL.
"""

import functools
import operator

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def weighted_vector(weights, *, config):
    """The fields of `weights`, pairs of a field's name and its weight ("A" to "D"), as one text vector."""
    return functools.reduce(
        operator.add, (SearchVector(field, config=config, weight=weight) for field, weight in weights)
    )


class AddFullTextIndex(migrations.operations.base.Operation):
    """Indexes `to_tsvector(config, field)` exactly as `SearchVector(field, config=config)` queries it, or the
    vector of weighted fields exactly as `weighted_vector(weights, config=config)` queries it."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, *, model_name, config, name, field=None, weights=None):
        if (field is None) == (weights is None):
            raise TypeError("A full-text index is of one field or of weighted fields.")
        self.model_name, self.field, self.weights, self.config, self.name = model_name, field, weights, config, name

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "config": self.config, "name": self.name}
        kwargs.update({"field": self.field} if self.field else {"weights": self.weights})
        return self.__class__.__qualname__, [], kwargs

    def vector(self):
        if self.field:
            return SearchVector(self.field, config=self.config)
        return weighted_vector(self.weights, config=self.config)

    def state_forwards(self, app_label, state):
        # Not a model option: the model's state is the same on every database.
        pass

    def _run(self, app_label, schema_editor, state, change):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = state.apps.get_model(app_label, self.model_name)
        change(model, GinIndex(self.vector(), name=self.name))

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, to_state, schema_editor.add_index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, from_state, schema_editor.remove_index)

    def describe(self):
        fields = self.field or " + ".join(field for field, _weight in self.weights)
        return f"Full-text index {self.name} of {self.model_name}.{fields} (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return self.name


class RemoveFullTextIndex(AddFullTextIndex):
    """Drops an index that AddFullTextIndex made; given the same arguments, so that it can be made again."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, from_state, schema_editor.remove_index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, to_state, schema_editor.add_index)

    def describe(self):
        return f"Remove {super().describe()}"

    @property
    def migration_name_fragment(self):
        return f"remove_{self.name}"
