"""An index for an action's latest progress entry (the tracker's listings and stale counts)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0003_action_comments")]

    operations = [
        migrations.AddIndex(
            model_name="actionupdate",
            index=models.Index(fields=["action", "-date", "-id"], name="actionupdate_latest_idx"),
        ),
    ]
