from django.db import migrations


def create(apps, schema_editor):
    from cica.documents import search

    search.create_tables(schema_editor)


def drop(apps, schema_editor):
    from cica.documents import search

    search.drop_tables(schema_editor)


class Migration(migrations.Migration):
    """The full-text index: FTS5 tables on SQLite, tsvectors with GIN indexes on PostgreSQL."""

    dependencies = [("documents", "0002_register_texts_files_relations")]

    operations = [migrations.RunPython(create, drop)]
