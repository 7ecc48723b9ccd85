from django.db import migrations


def recreate(apps, schema_editor):
    """The index gains the filters as words, and a trigger for deleted documents: rebuilt."""
    from cica.documents import search

    search.drop_tables(schema_editor)
    search.create_tables(schema_editor)
    if apps.get_model("documents", "Document").objects.exists():
        search.rebuild()


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_search_index")]

    operations = [migrations.RunPython(recreate, migrations.RunPython.noop)]
