from django.db import migrations

from idm.core.search_indexes import AddFullTextIndex


class Migration(migrations.Migration):
    """The document library's search finds a speaker's documents by the speaker's name."""

    dependencies = [
        ("speakers", "0003_change_history"),
    ]

    operations = [
        AddFullTextIndex(model_name="person", field="name", config="english", name="person_name_fts"),
    ]
