from django.db import migrations, models
from django.utils import timezone


def keep_counted_results_public(apps, schema_editor):
    """Results counted before publication existed were public as soon as counted: they stay public."""
    Votation = apps.get_model("votations", "Votation")
    Votation._base_manager.filter(results__isnull=False).update(results_published_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("votations", "0002_unlinkable_ballots"),
    ]

    operations = [
        migrations.AddField(
            model_name="elector",
            name="name",
            field=models.CharField(blank=True, max_length=150, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="votation",
            name="results_published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="results published"),
        ),
        migrations.RunPython(keep_counted_results_public, migrations.RunPython.noop),
    ]
