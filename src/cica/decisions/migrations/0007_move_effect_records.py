"""The references to the records decisions made move from their columns to the generic one.

Apart from the schema changes before and after it: on PostgreSQL a table with pending deferred
constraint checks (the columns' foreign keys) cannot be altered in the same transaction."""

from django.db import migrations
from django.db.models import F

# The columns this replaces, and the model each referred to.
COLUMNS = {
    "status_record": ("registry", "membershipstatus"),
    "chairmanship_record": ("registry", "chairmanship"),
    "body_name_record": ("registry", "bodyname"),
    "holder_record": ("registry", "postholder"),
}


def move_to_effect_record(apps, schema_editor):
    Decision = apps.get_model("decisions", "Decision")
    for column, (app_label, model) in COLUMNS.items():
        Decision.objects.filter(**{f"{column}__isnull": False}).update(
            effect_record_type=f"{app_label}.{model}", effect_record_id=F(f"{column}_id")
        )


def move_back(apps, schema_editor):
    """The columns again, for the records they can hold (a coordination term has none)."""
    Decision = apps.get_model("decisions", "Decision")
    for column, (app_label, model) in COLUMNS.items():
        Decision.objects.filter(effect_record_type=f"{app_label}.{model}").update(
            **{f"{column}_id": F("effect_record_id")}
        )


class Migration(migrations.Migration):
    dependencies = [("decisions", "0006_effect_record")]

    operations = [migrations.RunPython(move_to_effect_record, move_back)]
