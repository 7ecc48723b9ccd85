import datetime as dt

from django.conf import settings
from django.db import migrations, models
from django.db.models import F, Q
from django.utils import timezone


def name_and_expire_existing_tokens(apps, schema_editor):
    """Tokens made before expiry existed get a name and CICA_API_TOKEN_DAYS from now (not from
    their creation: a program using one is given the usual time to move to a new token)."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires = timezone.now() + dt.timedelta(days=settings.CICA_API_TOKEN_DAYS)
    ApiToken.objects.filter(expires_at__isnull=True).update(
        name="token made before names", expires_at=expires
    )


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_user_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="name",
            field=models.CharField(default="", max_length=100, verbose_name="name"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="last_used_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last used"),
        ),
        migrations.RunPython(name_and_expire_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
        migrations.AddConstraint(
            model_name="apitoken",
            constraint=models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="accounts_apitoken_expires_after_creation",
            ),
        ),
    ]
