from django.db import migrations
from django.db.models import Count


def count_published_comments(apps, schema_editor):
    """`comments_count` is kept by the comments app from now on: start from the comments already there."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Comment = apps.get_model("comments", "Comment")
    Proposal = apps.get_model("proposals", "Proposal")
    proposal_type = ContentType._base_manager.filter(app_label="proposals", model="proposal").first()
    if proposal_type is None:
        return
    rows = (
        Comment._base_manager.filter(content_type=proposal_type, status="published")
        .values("object_id")
        .annotate(total=Count("pk"))
    )
    for row in rows.iterator():
        Proposal._base_manager.filter(pk=row["object_id"]).update(comments_count=row["total"])


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0002_step_votes"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(count_published_comments, migrations.RunPython.noop)]
