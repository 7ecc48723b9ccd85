"""One generic reference to the record a decision's effect created, in place of a column per kind
of record (0007 moves the references made, 0008 drops the columns)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0005_unique_identical_writes"),
        ("registry", "0007_unique_identical_writes"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="effect_record_type",
            field=models.CharField(
                blank=True, max_length=100, verbose_name="type of the record made"
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="effect_record_id",
            field=models.PositiveBigIntegerField(
                blank=True, null=True, verbose_name="record made"
            ),
        ),
    ]
