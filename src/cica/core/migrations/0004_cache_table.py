from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The shared cache (sign-in rate limits, used TOTP codes) lives in the database.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_signed_heads")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
