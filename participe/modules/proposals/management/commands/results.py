"""`participe results STEP --instance DOMAIN --rule greedy|mes --format json|pb`: the winners of a vote step,
or the election as .pb; `--verify` checks the published result against the ballots stored now."""

import json

from django.core.management.base import BaseCommand, CommandError

from participe.instances.commands import add_instance_argument, instance_named
from participe.instances.scoping import in_instance
from participe.modules.proposals import publication
from participe.modules.proposals.exports import pabulib_text
from participe.modules.proposals.results import compute
from participe.projects.models import Step


class Command(BaseCommand):
    help = "Print the winners of a proposals vote step (JSON), or the whole election as a pabulib file."

    def add_arguments(self, parser):
        parser.add_argument("step", type=int, help="id of the step (printed by `participe import pabulib`)")
        add_instance_argument(parser)
        parser.add_argument(
            "--rule", choices=["greedy", "mes"], default=None,
            help="the step's rule of this family instead of the step's own rule (the default)",
        )
        parser.add_argument("--format", choices=["json", "pb"], default="json")
        parser.add_argument(
            "--verify", action="store_true", help="recompute the published result: same ballots, same winners?"
        )

    def handle(self, step, instance, rule, format, verify=False, **options):  # noqa: A002 - the option's name
        with in_instance(instance_named(instance)):
            found = Step.objects.filter(pk=step, type__in=("collect", "selection")).first()
            if found is None:
                raise CommandError(f"No proposals step with id {step} on {instance}")
            if verify:
                self._verify(found)
                return
            if format == "pb":
                self.stdout.write(pabulib_text(found), ending="")
                return
            result = compute(found, rule)
        winners = [w for district in result["districts"] for w in district["winners"]]
        summary = {
            "step": found.pk,
            "rule": result["rule"],
            "vote_rule": result["vote_rule"],
            "winners": [
                {"id": w["source_id"] or w["id"], "title": w["title"], "cost": w["cost"], "votes": w["votes"]}
                for w in winners
            ],
            "total_spent": result["total_spent"],
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))

    def _verify(self, step):
        published = publication.published(step)
        if published is None:
            raise CommandError(f"Step {step.pk} has no published result")
        check = publication.verify(published)
        self.stdout.write(json.dumps({
            "step": step.pk,
            "published_at": published.published_at.isoformat(),
            "ballots_hash": published.ballots_hash,
            "ballots_counted": {"published": published.ballots_counted, "now": check.ballots_counted},
            "same_ballots": check.same_ballots,
            "same_winners": check.same_winners,
        }))
        if not check.ok:
            raise CommandError("The published result does not match the ballots stored now")
