from participe.instances.scoping import in_instance
from participe.participation.services import publish_awaiting_of


def publish_once_confirmed(sender, user, **kwargs):
    # The signal may come from a job or a command, outside any request scope.
    with in_instance(user.instance):
        publish_awaiting_of(user)
