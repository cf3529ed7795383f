import participe.instances.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("instances", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="instance",
            name="sender_name",
            field=models.CharField(
                blank=True,
                help_text="Name e-mails are sent under; the instance's name if empty.",
                max_length=100,
                validators=[participe.instances.models._validate_one_line],
                verbose_name="sender name",
            ),
        ),
        migrations.AlterField(
            model_name="instance",
            name="sender_email",
            field=models.EmailField(
                blank=True,
                help_text="Address e-mails are sent from, on a domain the platform operator verified; the platform's if empty.",
                max_length=254,
                validators=[participe.instances.models._validate_sender_email],
                verbose_name="sender e-mail",
            ),
        ),
    ]
