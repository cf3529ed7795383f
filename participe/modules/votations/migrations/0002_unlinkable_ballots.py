import uuid

import django.db.models.deletion
from django.db import migrations, models

import participe.modules.votations.models


def digest_receipts(apps, schema_editor):
    """Receipts already in a box keep working: the code a voter holds matches its digest."""
    Ballot = apps.get_model("votations", "Ballot")
    for ballot in Ballot._base_manager.only("pk", "receipt").iterator(2000):
        Ballot._base_manager.filter(pk=ballot.pk).update(
            receipt_digest=participe.modules.votations.models.digest(ballot.receipt)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("instances", "0001_initial"),
        ("votations", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(name="ballot", options={"verbose_name": "ballot", "verbose_name_plural": "ballots"}),
        migrations.AddField(
            model_name="ballot", name="receipt_digest", field=models.CharField(default="", editable=False, max_length=64)
        ),
        migrations.RunPython(digest_receipts, migrations.RunPython.noop),
        migrations.RemoveField(model_name="ballot", name="receipt"),
        migrations.AlterField(
            model_name="ballot",
            name="receipt_digest",
            field=models.CharField(
                default=participe.modules.votations.models.new_receipt_digest, editable=False, max_length=64, unique=True
            ),
        ),
        migrations.AlterField(
            model_name="votation",
            name="email_receipt",
            field=models.BooleanField(
                default=True,
                help_text="The e-mail holds neither the choices nor the receipt code.",
                verbose_name="e-mail the voter a confirmation that their ballot is cast",
            ),
        ),
        migrations.CreateModel(
            name="PendingBallot",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("receipt_digest", models.CharField(editable=False, max_length=64, unique=True)),
                ("answers", models.JSONField(default=dict)),
                (
                    "instance",
                    models.ForeignKey(
                        editable=False, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                        to="instances.instance", verbose_name="instance",
                    ),
                ),
                (
                    "votation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="pending_ballots", to="votations.votation"
                    ),
                ),
            ],
            options={"verbose_name": "ballot waiting for the box", "verbose_name_plural": "ballots waiting for the box"},
        ),
    ]
