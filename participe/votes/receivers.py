from participe.instances.scoping import in_instance
from participe.votes.services import count_votes_of


def count_votes_once_confirmed(sender, user, **kwargs):
    # The signal may come from a job or a command, outside any request scope.
    with in_instance(user.instance):
        count_votes_of(user)
