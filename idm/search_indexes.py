"""GIN indexes of the full-text vectors the document search looks words up in, on PostgreSQL only; the
migrations of both apps whose fields it searches use them.

SQLite has no text vectors (its search is a plain match), so the index cannot be part of the models' Meta,
which every database builds; a migration operation adds it where the database is PostgreSQL.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


class AddFullTextIndex(migrations.operations.base.Operation):
    """Indexes `to_tsvector(config, field)` exactly as `SearchVector(field, config=config)` queries it."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, *, model_name, field, config, name):
        self.model_name, self.field, self.config, self.name = model_name, field, config, name

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "field": self.field, "config": self.config, "name": self.name}
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        # Not a model option: the model's state is the same on every database.
        pass

    def _run(self, app_label, schema_editor, state, change):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = state.apps.get_model(app_label, self.model_name)
        change(model, GinIndex(SearchVector(self.field, config=self.config), name=self.name))

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, to_state, schema_editor.add_index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, from_state, schema_editor.remove_index)

    def describe(self):
        return f"Full-text index {self.name} of {self.model_name}.{self.field} (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return self.name
