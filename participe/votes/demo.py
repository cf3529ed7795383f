"""The demo's step and project vote totals, recounted from the rows once every loader has voted (a job does it every
minute in production: participe.votes.tallies), so that the demo's counters are right at once. Imported by
VotesConfig.ready(), once the models are loaded."""

from participe.core import demo_content
from participe.projects.models import Step
from participe.votes import tallies


@demo_content.register(last=True)
def recount_vote_totals(instance, accounts, now):
    tallies.recount(Step.objects.all())
