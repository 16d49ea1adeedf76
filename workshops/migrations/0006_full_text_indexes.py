from django.db import migrations

from idm.core.search_indexes import AddFullTextIndex


class Migration(migrations.Migration):
    """The document library's search looks each word up in the titles of documents and workshops."""

    dependencies = [
        ("workshops", "0005_agenda_version_date_may_be_unknown"),
    ]

    operations = [
        AddFullTextIndex(model_name="document", field="title", config="english", name="document_title_fts"),
        AddFullTextIndex(model_name="workshop", field="title", config="english", name="workshop_title_fts"),
    ]
