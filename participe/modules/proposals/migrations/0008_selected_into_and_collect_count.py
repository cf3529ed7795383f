"""A proposal keeps the count of its collect step in `votes_total` (no more `ProposalStepVotes` row for that step)
and its most advanced selection step in `selected_into`."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def forwards(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    Selection = apps.get_model("proposals", "Selection")
    ProposalStepVotes = apps.get_model("proposals", "ProposalStepVotes")
    Vote = apps.get_model("votes", "Vote")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="proposals", model="proposal").first()
    if content_type is not None:
        own = (
            Vote.objects.filter(content_type_id=content_type.pk, object_id=OuterRef("pk"), is_counted=True)
            .filter(Q(step_id=OuterRef("step_id")) | Q(step__isnull=True))
            .order_by()
            .values("object_id")
            .annotate(total=Count("pk"))
            .values("total")
        )
        Proposal.objects.update(votes_total=Coalesce(Subquery(own), 0))
    ProposalStepVotes.objects.filter(step_id=models.F("proposal__step_id")).delete()
    latest = Selection.objects.filter(proposal_id=OuterRef("pk")).order_by("-step__position", "-step_id").values("step_id")[:1]
    Proposal.objects.filter(pk__in=Selection.objects.values("proposal_id")).update(selected_into_id=Subquery(latest))


def backwards(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    ProposalStepVotes = apps.get_model("proposals", "ProposalStepVotes")
    rows = [
        ProposalStepVotes(instance_id=p.instance_id, proposal_id=p.pk, step_id=p.step_id, votes_total=p.votes_total)
        for p in Proposal.objects.filter(step__isnull=False, votes_total__gt=0)
    ]
    ProposalStepVotes.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("projects", "0003_private_storage_random_names"),
        ("proposals", "0007_ballot_item_points"),
        ("votes", "0002_vote_content_type_served_by_vote_target"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="selected_into",
            field=models.ForeignKey(
                blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                to="projects.step",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
