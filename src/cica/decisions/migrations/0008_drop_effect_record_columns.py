"""The columns of each kind of record a decision made, now in Decision.effect_record."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("decisions", "0007_move_effect_records")]

    operations = [
        migrations.RemoveField(model_name="decision", name="body_name_record"),
        migrations.RemoveField(model_name="decision", name="chairmanship_record"),
        migrations.RemoveField(model_name="decision", name="holder_record"),
        migrations.RemoveField(model_name="decision", name="status_record"),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                fields=("effect_record_type", "effect_record_id"),
                name="decisions_one_decision_per_effect_record",
            ),
        ),
    ]
