from django.db import migrations

from idm.core.search_indexes import AddFullTextIndex, RemoveFullTextIndex


class Migration(migrations.Migration):
    """The library's search finds a document by the text of its file too, weighted below its title: one index
    of both replaces the index of the title alone."""

    dependencies = [
        ("workshops", "0008_document_text"),
    ]

    operations = [
        RemoveFullTextIndex(model_name="document", field="title", config="english", name="document_title_fts"),
        AddFullTextIndex(
            model_name="document", weights=(("title", "A"), ("text", "D")), config="english", name="document_fts"
        ),
    ]
