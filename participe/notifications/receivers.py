"""What other apps announce becomes notifications. Followed activity comes from the participation core: each
publication is news for the followers of what it was written on (a comment's object, else the contribution's
step), gathered in their digest. A finished export is news for the person who started it."""

from participe.notifications.followers import notify_followers
from participe.notifications.services import notify
from participe.participation.registry import participation


def announce_publication(sender, contribution, **kwargs):
    followed = getattr(contribution, "target", None) or getattr(contribution, "step", None)
    if followed is None or not participation.is_declared(followed, "followable"):
        return
    notify_followers(followed, "followed_activity", {"actor": contribution.author_name}, actor=contribution.author)


def tell_export_owner(sender, job, kind, **kwargs):
    notify(job.user, kind, job)
