from django.db import models

from participe.instances.scoping import scoped_manager
from participe.participation.models import Contribution, ContributionQuerySet
from participe.votes.models import VoteCounters


class Petition(Contribution, VoteCounters):
    """A petition started in a petition step; participants support it through the shared vote engine."""

    title = models.CharField("title", max_length=200)

    objects = scoped_manager(queryset_class=ContributionQuerySet)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.step.get_absolute_url()
